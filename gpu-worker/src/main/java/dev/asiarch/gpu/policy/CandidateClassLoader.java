package dev.asiarch.gpu.policy;

import java.util.Map;

/**
 * Defines a candidate's classes from their bytecode, as {@link CandidateBytecode} rewrites it, and links
 * them only against the {@link AllowList}: any other class the bytecode names fails to resolve with a
 * {@link PolicyViolationError}, whatever the source looked like.
 */
public final class CandidateClassLoader extends ClassLoader {

    /** The start of the message with which a refused class fails to load. */
    public static final String REFUSAL = "refused by the candidate allow-list: ";

    private final Map<String, byte[]> bytecode;

    public CandidateClassLoader(Map<String, byte[]> bytecode, ClassLoader parent) {
        super("candidate", parent);
        this.bytecode = Map.copyOf(bytecode);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                if (bytecode.containsKey(name)) {
                    byte[] bytes = CandidateBytecode.transform(bytecode.get(name));
                    loaded = defineClass(name, bytes, 0, bytes.length);
                } else if (AllowList.allowsLinking(name)) {
                    loaded = getParent().loadClass(name);
                } else {
                    throw new PolicyViolationError(REFUSAL + name + " ("
                            + AllowList.ruleFor(name).description() + ")");
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    /** A candidate class tried to link against a class outside the allow-list. */
    public static final class PolicyViolationError extends NoClassDefFoundError {
        public PolicyViolationError(String message) {
            super(message);
        }
    }
}
