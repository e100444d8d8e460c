package dev.asiarch.gpu.bench;

/** Checks on task parameters whose messages name the parameter, the allowed range and why. */
final class Parameters {

    private Parameters() {
    }

    static void requireBetween(String name, int value, int min, int max, String why) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " (" + why
                    + "), was " + value);
        }
    }

    static void requireAtLeast(String name, int value, int min, String why) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + " (" + why + "), was " + value);
        }
    }
}
