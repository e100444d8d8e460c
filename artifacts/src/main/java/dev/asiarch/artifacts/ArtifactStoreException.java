package dev.asiarch.artifacts;

/** The object store could not be reached or refused an operation. */
public final class ArtifactStoreException extends RuntimeException {

    public ArtifactStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
