package dev.asiarch.activities.llm;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The agent roles, each with the settings its calls take where the configuration names none: the one
 * place these defaults are written. A role with a model talks to it; a role without one is answered by
 * its offline counterpart.
 */
public enum AgentRole {

    RESEARCHER(0.7, Duration.ofMinutes(3), 8000),
    ENGINEER(0.2, Duration.ofMinutes(2), 4000),
    NOVELTY(0.0, Duration.ofMinutes(2), 1000),
    JUDGE(0.0, Duration.ofMinutes(2), 1500),
    ANALYST(0.3, Duration.ofMinutes(3), 3000),
    SUMMARIZER(0.2, Duration.ofMinutes(1), 600),
    /** Embeddings take neither a temperature nor a token limit; the values only satisfy {@link LlmRole}. */
    EMBEDDER(0.0, Duration.ofMinutes(1), 1);

    /** The SDK's retries of a 429, a 5xx or a lost connection before a call fails, for every role. */
    public static final int DEFAULT_MAX_RETRIES = 2;
    /** The endpoint of every role that names none. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** The environment variable holding the key of every role that names none. */
    public static final String DEFAULT_API_KEY_VARIABLE = "OPENAI_API_KEY";

    private final double temperature;
    private final Duration timeout;
    private final long maxTokens;

    AgentRole(double temperature, Duration timeout, long maxTokens) {
        this.temperature = temperature;
        this.timeout = timeout;
        this.maxTokens = maxTokens;
    }

    /** The role's name in configuration and records, e.g. {@code researcher}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The sampling temperature. */
    public double temperature() {
        return temperature;
    }

    /** The most time one HTTP attempt may take. */
    public Duration timeout() {
        return timeout;
    }

    /** The most tokens one answer may hold. */
    public long maxTokens() {
        return maxTokens;
    }

    /** Every role's key, in this order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(AgentRole::key).toList();
    }

    /** The role called {@code key}, if there is one. */
    public static Optional<AgentRole> byKey(String key) {
        return Arrays.stream(values()).filter(role -> role.key().equals(key)).findFirst();
    }
}
