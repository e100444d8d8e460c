package dev.asiarch.gpu.sandbox;

/**
 * A child main for tests: prints the environment variables it was given, one NAME=value per line, then
 * the PyTorch thread and lane properties as -Dname=value.
 */
public final class PrintsEnvironment {

    private PrintsEnvironment() {
    }

    public static void main(String[] args) {
        System.getenv().forEach((name, value) -> System.out.println(name + "=" + value));
        for (String property : new String[] {"ai.djl.pytorch.num_threads", ChildJvm.LANES_PROPERTY}) {
            System.out.println("-D" + property + "=" + System.getProperty(property));
        }
    }
}
