package dev.asiarch.activities.llm;

/**
 * A call that failed after the SDK's own retries, or answered what the SDK cannot read: the endpoint, the
 * model and what happened.
 */
public final class LlmException extends RuntimeException {

    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
