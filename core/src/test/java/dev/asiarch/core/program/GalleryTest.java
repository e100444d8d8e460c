package dev.asiarch.core.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
