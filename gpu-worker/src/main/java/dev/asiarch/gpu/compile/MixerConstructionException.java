package dev.asiarch.gpu.compile;

/** The candidate's constructor threw. */
public final class MixerConstructionException extends RuntimeException {

    public MixerConstructionException(String className, Throwable cause) {
        super("constructor of " + className + " threw " + cause, cause);
    }
}
