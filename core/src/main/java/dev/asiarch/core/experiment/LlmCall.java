package dev.asiarch.core.experiment;

/**
 * One call an agent made to a language model for an experiment: which role, which model, the tokens
 * read and written, what they cost by the configured price table (0 for an unpriced model), and the
 * model's answer as it came.
 */
public record LlmCall(String role, String model, long promptTokens, long completionTokens, double costUsd,
                      String answer) {

    public LlmCall {
        if (promptTokens < 0 || completionTokens < 0 || costUsd < 0) {
            throw new IllegalArgumentException("token counts and cost cannot be negative: " + this);
        }
    }
}
