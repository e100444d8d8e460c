package dev.asiarch.gpu.policy;

/** One use of something the allow-list refuses, with where it is in the candidate's source. */
public record PolicyViolation(PolicyRule rule, long line, long column, String what) {

    public String describe() {
        return "line " + line + ", column " + column + ": " + what + " (" + rule.description() + " is not allowed)";
    }
}
