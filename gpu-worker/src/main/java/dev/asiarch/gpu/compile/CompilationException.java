package dev.asiarch.gpu.compile;

/** The candidate source did not compile; the message lists javac's diagnostics with line numbers. */
public final class CompilationException extends Exception {

    public CompilationException(String diagnostics) {
        super(diagnostics);
    }
}
