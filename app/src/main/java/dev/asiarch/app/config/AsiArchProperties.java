package dev.asiarch.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything under {@code asi-arch.*}. The embedded default needs none of it; the {@code cluster}
 * profile points each part at a real service. A setting that is missing where it is needed fails
 * start-up with a message naming it.
 *
 * @param dataDir  where the embedded database, object store and candidate work folders live
 * @param workers  which task queues this process serves: any of orchestration, llm, gpu
 * @param cognition where the user's own cognition entries live (default {@code <data-dir>/cognition})
 */
@ConfigurationProperties("asi-arch")
public record AsiArchProperties(Path dataDir, List<String> workers, Temporal temporal, S3 s3, Gpu gpu, Llm llm,
                                Cognition cognition) {

    public static final List<String> WORKER_KINDS = List.of("orchestration", "llm", "gpu");

    public AsiArchProperties {
        if (dataDir == null) {
            throw new IllegalArgumentException("asi-arch.data-dir is not set");
        }
        workers = workers == null ? WORKER_KINDS : workers.stream().map(w -> w.trim().toLowerCase(Locale.ROOT)).toList();
        for (String worker : workers) {
            if (!WORKER_KINDS.contains(worker)) {
                throw new IllegalArgumentException("asi-arch.workers contains '" + worker + "'; known: "
                        + String.join(", ", WORKER_KINDS));
            }
        }
        if (temporal == null || s3 == null || gpu == null) {
            throw new IllegalArgumentException("asi-arch.temporal, asi-arch.s3 and asi-arch.gpu must be configured");
        }
        llm = llm == null ? new Llm(null, null, null, null) : llm;
        cognition = cognition == null || cognition.folder() == null ? new Cognition(dataDir.resolve("cognition"))
                : cognition;
    }

    /** The folder of Markdown cognition entries added to the shipped ones; it may not exist yet. */
    public record Cognition(Path folder) {
    }

    public boolean serves(String worker) {
        return workers.contains(worker);
    }

    /** Embedded mode starts a port-bound Temporal test server in this process; remote connects to {@code target}. */
    public record Temporal(Mode mode, int embeddedPort, String target, String namespace) {
        public Temporal {
            if (mode == Mode.REMOTE) {
                requireSet("asi-arch.temporal.target", target, "host:port of the Temporal frontend");
            }
            if (embeddedPort < 1 || embeddedPort > 65535) {
                throw new IllegalArgumentException("asi-arch.temporal.embedded-port must be 1-65535, was "
                        + embeddedPort);
            }
            namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
        }
    }

    /** Embedded mode serves {@code <data-dir>/s3} over S3 on 127.0.0.1; remote uses any S3 endpoint. */
    public record S3(Mode mode, int embeddedPort, String endpoint, String accessKey, String secretKey, String bucket,
                     String region) {
        public S3 {
            if (mode == Mode.REMOTE) {
                requireSet("asi-arch.s3.endpoint", endpoint, "URL of the S3 service");
                requireSet("asi-arch.s3.access-key", accessKey, "S3 access key");
                requireSet("asi-arch.s3.secret-key", secretKey, "S3 secret key");
            }
            bucket = bucket == null || bucket.isBlank() ? "asi-arch" : bucket;
            region = region == null || region.isBlank() ? "us-east-1" : region;
        }

        @Override
        public String toString() {
            return "S3[mode=" + mode + ", endpoint=" + endpoint + ", bucket=" + bucket + "]";
        }
    }

    /**
     * The child JVMs that run candidates: heap ({@code -Xmx} syntax), resident-memory cap, virtual
     * address-space cap ({@code 0} turns it off, as CUDA workers need), PyTorch threads, and the most
     * time the checks of one candidate may take.
     */
    public record Gpu(String childHeap, String childMemory, String childAddressSpace, int threads,
                      java.time.Duration checkTimeout, java.time.Duration heartbeatThrottle) {
        public Gpu {
            if (childHeap == null || !childHeap.matches("\\d+[kmgKMG]?")) {
                throw new IllegalArgumentException("asi-arch.gpu.child-heap must look like 512m or 2g, was "
                        + childHeap);
            }
            childMemory = childMemory == null ? "6g" : childMemory;
            childAddressSpace = childAddressSpace == null ? "12g" : childAddressSpace;
            checkTimeout = checkTimeout == null ? java.time.Duration.ofMinutes(3) : checkTimeout;
            heartbeatThrottle = heartbeatThrottle == null ? java.time.Duration.ofSeconds(2) : heartbeatThrottle;
            if (heartbeatThrottle.isNegative() || heartbeatThrottle.isZero()) {
                throw new IllegalArgumentException("asi-arch.gpu.heartbeat-throttle must be positive, was "
                        + heartbeatThrottle);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("asi-arch.gpu.threads must be at least 1, was " + threads);
            }
            try {
                dev.asiarch.gpu.sandbox.ChildLimits.of(childHeap, childMemory, childAddressSpace, threads);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("asi-arch.gpu: " + e.getMessage(), e);
            }
        }

        public dev.asiarch.gpu.sandbox.ChildLimits limits() {
            return dev.asiarch.gpu.sandbox.ChildLimits.of(childHeap, childMemory, childAddressSpace, threads);
        }
    }

    /**
     * The LLM endpoint (any OpenAI-compatible server), its roles and the price table. A role with no
     * model is off: its offline counterpart answers instead.
     *
     * @param baseUrl        endpoint for every role that names none, e.g. {@code http://localhost:11434/v1}
     * @param apiKeyVariable the environment variable holding the key (never the key itself)
     * @param roles          by role name: researcher, engineer, novelty, judge, analyst, summarizer, embedder
     * @param prices         US dollars per million input and output tokens, by model id
     */
    public record Llm(String baseUrl, String apiKeyVariable, java.util.Map<String, Role> roles,
                      java.util.Map<String, dev.asiarch.activities.llm.PriceTable.Price> prices) {

        public static final List<String> ROLES = List.of("researcher", "engineer", "novelty", "judge", "analyst",
                "summarizer", "embedder");

        public Llm {
            baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.openai.com/v1" : baseUrl;
            apiKeyVariable = apiKeyVariable == null || apiKeyVariable.isBlank() ? "OPENAI_API_KEY" : apiKeyVariable;
            roles = roles == null ? java.util.Map.of() : java.util.Map.copyOf(roles);
            prices = prices == null ? java.util.Map.of() : java.util.Map.copyOf(prices);
            for (var role : roles.entrySet()) {
                if (!ROLES.contains(role.getKey())) {
                    throw new IllegalArgumentException("asi-arch.llm.roles." + role.getKey() + " is not a role; known: "
                            + String.join(", ", ROLES));
                }
                try {
                    role.getValue().toRole(role.getKey(), baseUrl, apiKeyVariable);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("asi-arch.llm.roles." + role.getKey() + ": " + e.getMessage(), e);
                }
            }
        }

        /** The connection of {@code name}, or empty when no model is configured for it. */
        public java.util.Optional<dev.asiarch.activities.llm.LlmRole> role(String name) {
            Role role = roles.get(name);
            return role == null ? java.util.Optional.empty() : role.toRole(name, baseUrl, apiKeyVariable);
        }

        public dev.asiarch.activities.llm.PriceTable priceTable() {
            return new dev.asiarch.activities.llm.PriceTable(prices);
        }
    }

    /** One role's model and limits; unset values take the defaults shown in application.yml. */
    public record Role(String model, Double temperature, java.time.Duration timeout, Long maxTokens, Integer maxRetries,
                       String baseUrl, String apiKeyVariable) {
        java.util.Optional<dev.asiarch.activities.llm.LlmRole> toRole(String name, String defaultBaseUrl,
                                                                      String defaultKeyVariable) {
            if (model == null || model.isBlank()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new dev.asiarch.activities.llm.LlmRole(name,
                    baseUrl == null || baseUrl.isBlank() ? defaultBaseUrl : baseUrl, model,
                    apiKeyVariable == null || apiKeyVariable.isBlank() ? defaultKeyVariable : apiKeyVariable,
                    temperature == null ? 0.2 : temperature,
                    timeout == null ? java.time.Duration.ofMinutes(2) : timeout,
                    maxTokens == null ? 4000 : maxTokens, maxRetries == null ? 2 : maxRetries));
        }
    }

    /** A remote-mode setting must be present and must not be an unresolved {@code ${VARIABLE}}. */
    static void requireSet(String property, String value, String meaning) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is not set (" + meaning + ")");
        }
        java.util.regex.Matcher variable = java.util.regex.Pattern.compile("\\$\\{([^}:]+)").matcher(value);
        if (variable.find()) {
            throw new IllegalArgumentException(property + " comes from the environment variable "
                    + variable.group(1) + ", which is not set (" + meaning + ")");
        }
    }

    public enum Mode {
        EMBEDDED,
        REMOTE
    }
}
