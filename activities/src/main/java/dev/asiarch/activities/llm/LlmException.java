package dev.asiarch.activities.llm;

/** A chat call that failed after the client's own retries: the endpoint, the model and what happened. */
public final class LlmException extends RuntimeException {

    public LlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
