package dev.asiarch.workflows.activities;

/**
 * The Engineer's answer: a repaired source, or none with the reason (no LLM configured, an answer
 * without usable code).
 *
 * @param engineer who answered: a model id, or {@code none}
 */
public record RepairAnswer(boolean repaired, String source, String engineer, String note) {

    public static RepairAnswer repaired(String source, String engineer) {
        return new RepairAnswer(true, source, engineer, "");
    }

    public static RepairAnswer declined(String engineer, String why) {
        return new RepairAnswer(false, "", engineer, why);
    }
}
