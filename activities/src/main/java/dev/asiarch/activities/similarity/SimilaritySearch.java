package dev.asiarch.activities.similarity;

import dev.asiarch.core.experiment.LlmCall;
import java.util.List;

/**
 * Finds the texts most like a query: past motivations for the novelty check, cognition entries for the
 * Analyst. BM25 over words when no embedding model is configured, cosine over embeddings when one is.
 */
public interface SimilaritySearch {

    /** A searchable text and the id it is known by. */
    record Item(String id, String text) {
    }

    /** An item's id and how close it is to the query (BM25 score or cosine). */
    record Match(String id, double score) {
    }

    /** The closest items, best first, and the model calls the search cost (none for BM25). */
    record Result(List<Match> matches, List<LlmCall> calls) {
        public Result {
            matches = List.copyOf(matches);
            calls = List.copyOf(calls);
        }
    }

    /** At most {@code limit} items whose score reaches this search's threshold, best first. */
    Result mostSimilar(List<Item> items, String query, int limit);

    /** How it measures similarity, for records and prompts, e.g. {@code BM25}. */
    String method();
}
