package dev.asiarch.kernels.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asiarch.core.program.MixerSource;
import dev.asiarch.core.program.PublishedSpecs;

import org.junit.jupiter.api.Test;

class GalleryTest {

    @Test
    void everyEntryAndTheControlDeclareAMixerOfTheirOwnName() {
        for (String name : Gallery.names()) {
            assertThat(MixerSource.className(Gallery.source(name))).as(name).contains(name);
        }
        assertThat(MixerSource.className(Gallery.source(Gallery.CONTROL))).contains(Gallery.CONTROL);
        assertThat(Gallery.names()).hasSize(11).doesNotContain(Gallery.CONTROL);
    }

    @Test
    void everyPublishedSpecIsAGeneratedProgramOfTheDesignsName() {
        for (String name : PublishedSpecs.all().keySet()) {
            assertThat(MixerSource.className(Gallery.source(Gallery.GENERATED + name))).contains(name);
        }
        assertThatThrownBy(() -> Gallery.source("spec:Hyena")).hasMessageContaining("no spec called 'Hyena'");
    }

    @Test
    void onlySoftmaxAttentionIsAReference() {
        assertThat(Gallery.names()).filteredOn(Gallery::isReference).containsExactly("SoftmaxAttention");
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Gallery.source("Hyena"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Hyena' is unknown")
                .hasMessageContaining("DeltaNet")
                .hasMessageContaining(Gallery.CONTROL);
    }
}
