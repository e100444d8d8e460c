package dev.asiarch.app.config;

import dev.asiarch.activities.llm.AgentRole;
import dev.asiarch.activities.llm.LlmRole;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.gpu.sandbox.ChildLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        if (temporal == null || s3 == null) {
            throw new IllegalArgumentException("asi-arch.temporal and asi-arch.s3 must be configured");
        }
        gpu = gpu == null ? Gpu.defaults() : gpu;
        llm = llm == null ? Llm.defaults() : llm;
        cognition = cognition == null || cognition.folder() == null ? new Cognition(dataDir.resolve("cognition"))
                : cognition;
    }

    /** The folder of Markdown cognition entries added to the shipped ones; it may not exist yet. */
    public record Cognition(Path folder) {
    }

    /** Embedded mode starts a port-bound Temporal test server in this process; remote connects to {@code target}. */
    public record Temporal(Mode mode, int embeddedPort, String target, String namespace) {

        public static final String DEFAULT_NAMESPACE = "default";

        public Temporal {
            if (mode == Mode.REMOTE) {
                requireSet("asi-arch.temporal.target", target, "host:port of the Temporal frontend");
            }
            if (embeddedPort < 1 || embeddedPort > 65535) {
                throw new IllegalArgumentException("asi-arch.temporal.embedded-port must be 1-65535, was "
                        + embeddedPort);
            }
            namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
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
     * address-space cap ({@code 0} turns it off, as CUDA workers need), PyTorch threads (each left out
     * takes {@link ChildLimits}' default), the most time the checks of one candidate may take, and the
     * most time between a GPU worker's heartbeats reaching Temporal.
     */
    public record Gpu(String childHeap, String childMemory, String childAddressSpace, Integer threads,
                      Duration checkTimeout, Duration heartbeatThrottle) {

        public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofMinutes(3);
        public static final Duration DEFAULT_HEARTBEAT_THROTTLE = Duration.ofSeconds(2);

        public Gpu {
            childHeap = childHeap == null ? ChildLimits.DEFAULT_HEAP : childHeap;
            childMemory = childMemory == null ? ChildLimits.DEFAULT_RESIDENT : childMemory;
            childAddressSpace = childAddressSpace == null ? ChildLimits.DEFAULT_ADDRESS_SPACE : childAddressSpace;
            threads = threads == null ? ChildLimits.DEFAULT_THREADS : threads;
            checkTimeout = checkTimeout == null ? DEFAULT_CHECK_TIMEOUT : checkTimeout;
            heartbeatThrottle = heartbeatThrottle == null ? DEFAULT_HEARTBEAT_THROTTLE : heartbeatThrottle;
            if (!childHeap.matches("\\d+[kmgKMG]?")) {
                throw new IllegalArgumentException("asi-arch.gpu.child-heap must look like 512m or 2g, was "
                        + childHeap);
            }
            if (heartbeatThrottle.isNegative() || heartbeatThrottle.isZero()) {
                throw new IllegalArgumentException("asi-arch.gpu.heartbeat-throttle must be positive, was "
                        + heartbeatThrottle);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("asi-arch.gpu.threads must be at least 1, was " + threads);
            }
            try {
                ChildLimits.of(childHeap, childMemory, childAddressSpace, threads);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("asi-arch.gpu: " + e.getMessage(), e);
            }
        }

        /** Every setting at its default. */
        static Gpu defaults() {
            return new Gpu(null, null, null, null, null, null);
        }

        public ChildLimits limits() {
            return ChildLimits.of(childHeap, childMemory, childAddressSpace, threads);
        }
    }

    /**
     * The LLM endpoint (any OpenAI-compatible server), its roles and the price table. A role with no
     * model is off: its offline counterpart answers instead.
     *
     * @param baseUrl        endpoint for every role that names none (default {@link AgentRole#DEFAULT_BASE_URL})
     * @param apiKeyVariable the environment variable holding the key (never the key itself)
     * @param roles          by role key ({@link AgentRole#key()}): researcher, engineer, novelty, judge, analyst,
     *                       summarizer, embedder
     * @param prices         US dollars per million input and output tokens, by model id
     */
    public record Llm(String baseUrl, String apiKeyVariable, Map<String, Role> roles,
                      Map<String, PriceTable.Price> prices) {

        public Llm {
            baseUrl = baseUrl == null || baseUrl.isBlank() ? AgentRole.DEFAULT_BASE_URL : baseUrl;
            apiKeyVariable = apiKeyVariable == null || apiKeyVariable.isBlank() ? AgentRole.DEFAULT_API_KEY_VARIABLE
                    : apiKeyVariable;
            roles = roles == null ? Map.of() : Map.copyOf(roles);
            prices = prices == null ? Map.of() : Map.copyOf(prices);
            for (var role : roles.entrySet()) {
                AgentRole known = AgentRole.byKey(role.getKey()).orElseThrow(() -> new IllegalArgumentException(
                        "asi-arch.llm.roles." + role.getKey() + " is not a role; known: "
                                + String.join(", ", AgentRole.keys())));
                try {
                    role.getValue().connection(known, baseUrl, apiKeyVariable);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("asi-arch.llm.roles." + role.getKey() + ": " + e.getMessage(), e);
                }
            }
        }

        /** Every setting at its default: every role off. */
        static Llm defaults() {
            return new Llm(null, null, null, null);
        }

        /** The connection of {@code role}, or empty when no model is configured for it. */
        public Optional<LlmRole> connection(AgentRole role) {
            Role settings = roles.get(role.key());
            return settings == null ? Optional.empty() : settings.connection(role, baseUrl, apiKeyVariable);
        }

        public PriceTable priceTable() {
            return new PriceTable(prices);
        }
    }

    /**
     * One role's model and limits; a limit left out takes the role's default ({@link AgentRole}), an
     * endpoint or key variable left out the shared one.
     */
    public record Role(String model, Double temperature, Duration timeout, Long maxTokens, Integer maxRetries,
                       String baseUrl, String apiKeyVariable) {
        Optional<LlmRole> connection(AgentRole role, String sharedBaseUrl, String sharedKeyVariable) {
            if (model == null || model.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new LlmRole(role.key(), baseUrl == null || baseUrl.isBlank() ? sharedBaseUrl : baseUrl,
                    model, apiKeyVariable == null || apiKeyVariable.isBlank() ? sharedKeyVariable : apiKeyVariable,
                    temperature == null ? role.temperature() : temperature,
                    timeout == null ? role.timeout() : timeout,
                    maxTokens == null ? role.maxTokens() : maxTokens,
                    maxRetries == null ? AgentRole.DEFAULT_MAX_RETRIES : maxRetries));
        }
    }

    /** A remote-mode setting must be present and must not be an unresolved {@code ${VARIABLE}}. */
    static void requireSet(String property, String value, String meaning) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is not set (" + meaning + ")");
        }
        Matcher variable = Pattern.compile("\\$\\{([^}:]+)").matcher(value);
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
