package dev.asiarch.gpu.sandbox;

/**
 * What the child process is asked to do with a candidate.
 *
 * @param mode    {@code CHECK} (compile and run the mechanical checks) or {@code TRAIN} (screening run)
 * @param profile screening profile name
 * @param quadraticReference a reference program (softmax attention) exempt from the complexity bound
 */
public record SandboxRequest(Mode mode, String source, String profile, long seed, boolean quadraticReference) {

    public enum Mode {
        CHECK,
        TRAIN
    }
}
