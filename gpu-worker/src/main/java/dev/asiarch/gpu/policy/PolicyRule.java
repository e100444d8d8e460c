package dev.asiarch.gpu.policy;

/** The rule a refused use of a class, method or field breaks; the diagnostic names it. */
public enum PolicyRule {
    FILES("file access"),
    NETWORK("network access"),
    PROCESSES("starting processes"),
    SYSTEM("System and Runtime"),
    REFLECTION("reflection"),
    THREADS("threads and concurrency"),
    CLASS_LOADING("class loading"),
    NATIVE_ACCESS("native access"),
    STATIC_STATE("static mutable state"),
    ENGINE_INTERNALS("the engine's internals"),
    FRAMEWORK_OVERRIDE("overriding the framework's methods"),
    UNSAFE_GRADIENT("an operation whose gradient a garbage collection corrupts"),
    NOT_ALLOWED("a type outside the allow-list");

    private final String description;

    PolicyRule(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
