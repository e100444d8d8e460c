package dev.asiarch.core.experiment;

/**
 * Diagnostics are bounded wherever they go (records, prompts, logs): a candidate decides what its
 * exceptions say, and a megabyte of message must not reach the store or a model's context. What is
 * cut is the middle, so the start (what failed) and the end (where) both remain.
 */
public final class Diagnostic {

    /** Characters a diagnostic may hold. */
    public static final int LIMIT = 4096;

    private Diagnostic() {
    }

    public static String bounded(String text) {
        return bounded(text, LIMIT);
    }

    public static String bounded(String text, int limit) {
        if (text == null) {
            return "";
        }
        if (text.length() <= limit) {
            return text;
        }
        String marker = "\n[... " + (text.length() - limit) + " characters cut ...]\n";
        int keep = Math.max(0, limit - marker.length());
        int head = keep * 2 / 3;
        return text.substring(0, head) + marker + text.substring(text.length() - (keep - head));
    }
}
