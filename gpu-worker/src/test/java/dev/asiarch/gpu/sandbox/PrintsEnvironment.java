package dev.asiarch.gpu.sandbox;

/** A child main for tests: prints the environment variables it was given, one NAME=value per line. */
public final class PrintsEnvironment {

    private PrintsEnvironment() {
    }

    public static void main(String[] args) {
        System.getenv().forEach((name, value) -> System.out.println(name + "=" + value));
    }
}
