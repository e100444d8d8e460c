package dev.asiarch.activities.cognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading an entry's Markdown, and the messages a broken one gets. */
class CognitionFormatTest {

    private static final String GOOD = CognitionBaseTest.entry("Delta rule", "Recall with updates fails.");

    @Test
    void readsTitleSourceTagsAndTheFiveSections() {
        CognitionEntry entry = CognitionFormat.parse("delta-rule", GOOD.replace("tags: test", "tags: Delta-Rule, , gating"),
                "delta-rule.md");

        assertThat(entry.title()).isEqualTo("Delta rule");
        assertThat(entry.source()).isEqualTo("Doe, Roe. A Paper. Workshop 2024.");
        assertThat(entry.tags()).containsExactly("delta-rule", "gating");
        assertThat(entry.triggerPatterns()).isEqualTo("Recall with updates fails.");
        assertThat(entry.algorithmicInnovation()).isEqualTo("S_t = S_{t-1} + k_t v_t^T");
        assertThat(entry.forResearcher()).contains("Delta rule (delta-rule)").contains("Use LinearAttention.chunked.")
                .doesNotContain("Recall with updates fails.");
    }

    @Test
    void windowsLineEndingsAreRead() {
        assertThat(CognitionFormat.parse("x", GOOD.replace("\n", "\r\n"), "x.md").background())
                .isEqualTo("Some background.");
    }

    @Test
    void aMissingSourceLineIsNamed() {
        assertThatThrownBy(() -> CognitionFormat.parse("x", GOOD.replace("source: ", "from: "), "x.md"))
                .isInstanceOf(CognitionFormatException.class)
                .hasMessage("x.md, line 2: expected 'source: <authors. title. venue year.>', found 'from: Doe, Roe. A "
                        + "Paper. Workshop 2024.'");
    }

    @Test
    void sectionsOutOfOrderAreRefusedListingTheOrder() {
        String swapped = GOOD.replace("## Design insight", "## TEMP").replace("## Trigger patterns", "## Design insight")
                .replace("## TEMP", "## Trigger patterns");

        assertThatThrownBy(() -> CognitionFormat.parse("x", swapped, "x.md"))
                .hasMessageContaining("line 5: expected '## Design insight', found '## Trigger patterns'")
                .hasMessageContaining("the sections are, in order: Design insight, Trigger patterns, Background,");
    }

    @Test
    void anEmptySectionIsRefused() {
        assertThatThrownBy(() -> CognitionFormat.parse("x", GOOD.replace("Some background.", "  "), "x.md"))
                .hasMessage("x.md: the section '## Background' is empty");
    }

    @Test
    void aTruncatedFileSaysWhatIsMissing() {
        String truncated = GOOD.substring(0, GOOD.indexOf("## Implementation guidance"));

        assertThatThrownBy(() -> CognitionFormat.parse("x", truncated, "x.md"))
                .hasMessageContaining("expected '## Implementation guidance', found the end of the file");
    }

    @Test
    void aFileNameThatIsNotAnIdIsRefused() {
        assertThatThrownBy(() -> CognitionFormat.parse("Delta Rule", GOOD, "Delta Rule.md"))
                .hasMessageContaining("the file name must be a lowercase id");
    }
}
