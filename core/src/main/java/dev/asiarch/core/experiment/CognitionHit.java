package dev.asiarch.core.experiment;

/**
 * A cognition entry retrieved for an analysis.
 *
 * @param score BM25 score or cosine, by the retrieval method in use
 */
public record CognitionHit(String entryId, String title, double score) {
}
