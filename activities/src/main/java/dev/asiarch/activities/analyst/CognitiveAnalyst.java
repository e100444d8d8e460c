package dev.asiarch.activities.analyst;

import dev.asiarch.activities.cognition.CognitionBase;
import dev.asiarch.activities.cognition.CognitionEntry;
import dev.asiarch.activities.llm.JsonConversation;
import dev.asiarch.activities.llm.LlmException;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.workflows.activities.AnalysisAnswer;
import dev.asiarch.workflows.activities.AnalysisRequest;
import dev.asiarch.workflows.activities.AnalystActivities;
import dev.asiarch.workflows.activities.LlmCalls;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * The Analyst's whole activity: the five sections (by a model or the offline rule), then the results
 * analysis as the query into the cognition base, then the summary later Researchers read. When a step
 * fails, the failure carries every call made so far, so their cost is recorded either way.
 */
public final class CognitiveAnalyst implements AnalystActivities {

    private final AnalystActivities sections;
    private final CognitionBase cognition;
    private final Summarizer summarizer;

    public CognitiveAnalyst(AnalystActivities sections, CognitionBase cognition, Summarizer summarizer) {
        this.sections = sections;
        this.cognition = cognition;
        this.summarizer = summarizer;
    }

    @Override
    public AnalysisAnswer analyse(AnalysisRequest request) {
        AnalysisAnswer written = sections.analyse(request);
        List<LlmCall> calls = new ArrayList<>(written.calls());
        Analysis analysis = written.analysis();
        try {
            CognitionBase.Retrieval retrieval = cognition.retrieve(analysis.resultsAnalysis());
            calls.addAll(retrieval.calls());
            List<CognitionEntry> entries = retrieval.hits().stream()
                    .map(hit -> cognition.find(hit.entryId()).orElseThrow()).toList();
            Summarizer.Summary summary = summarizer.summarize(request, analysis, entries);
            calls.addAll(summary.calls());
            return new AnalysisAnswer(analysis.withCognition(retrieval.hits(), summary.text()), calls);
        } catch (LlmException e) {
            throw JsonConversation.unavailable(e, calls);
        } catch (ApplicationFailure failure) {
            calls.addAll(LlmCalls.carriedBy(failure));
            ApplicationFailure withCalls = ApplicationFailure.newFailureWithCause(failure.getOriginalMessage(),
                    failure.getType(), failure.getCause(), new LlmCalls(calls));
            withCalls.setNonRetryable(failure.isNonRetryable());
            throw withCalls;
        }
    }
}
