package dev.asiarch.activities.llm;

import java.time.Duration;

/**
 * How one agent role talks to its model: endpoint, model, the environment variable that holds its
 * key (the key itself is never stored), sampling temperature, the time one call may take, the most
 * tokens it may write, and how often the client retries a 429 or 5xx before giving up.
 */
public record LlmRole(String role, String baseUrl, String model, String apiKeyVariable, double temperature,
                      Duration timeout, long maxTokens, int maxRetries) {

    public LlmRole {
        require(role, "role");
        require(baseUrl, role + ".base-url");
        require(model, role + ".model");
        require(apiKeyVariable, role + ".api-key-variable");
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException(role + ".temperature must be between 0 and 2, was " + temperature);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(role + ".timeout must be positive, was " + timeout);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException(role + ".max-tokens must be positive, was " + maxTokens);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException(role + ".max-retries cannot be negative, was " + maxRetries);
        }
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("llm " + name + " is not set");
        }
    }
}
