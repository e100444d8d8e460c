package dev.asiarch.activities.analyst;

import dev.asiarch.activities.cognition.CognitionEntry;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.workflows.activities.AnalysisRequest;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The summary without a model: the motivation's first sentence, the measured results, the first
 * sentence of the synthesis, and the titles of the retrieved cognition entries.
 */
public final class OfflineSummarizer implements Summarizer {

    static final int MOTIVATION_CHARS = 300;

    @Override
    public Summary summarize(AnalysisRequest request, Analysis analysis, List<CognitionEntry> cognition) {
        StringBuilder text = new StringBuilder(request.name()).append(": ")
                .append(firstSentence(request.motivation(), MOTIVATION_CHARS))
                .append(" Measured: ").append(Lineage.results(request.metrics())).append('.');
        String lesson = firstSentence(analysis.synthesis(), MOTIVATION_CHARS);
        if (!lesson.isEmpty()) {
            text.append(" Lesson: ").append(lesson);
        }
        if (!cognition.isEmpty()) {
            text.append(" Related: ").append(cognition.stream().map(CognitionEntry::title)
                    .collect(Collectors.joining("; "))).append('.');
        }
        return new Summary(text.toString(), List.of());
    }

    /** The text up to its first full stop, at most {@code limit} characters. */
    static String firstSentence(String text, int limit) {
        String flat = text.strip().replaceAll("\\s+", " ");
        int end = flat.indexOf(". ");
        String sentence = end < 0 ? flat : flat.substring(0, end + 1);
        if (sentence.length() > limit) {
            return sentence.substring(0, limit - 3) + "...";
        }
        return sentence.isEmpty() || sentence.matches(".*[.!?]$") ? sentence : sentence + ".";
    }
}
