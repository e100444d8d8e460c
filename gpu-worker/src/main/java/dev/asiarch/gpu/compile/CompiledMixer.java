package dev.asiarch.gpu.compile;

import dev.asiarch.gpu.policy.CandidateClassLoader;
import dev.asiarch.kernels.TokenMixer;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/** A compiled candidate: its mixer class name and the bytecode of every class it declared. */
public final class CompiledMixer {

    private final String className;
    private final Map<String, byte[]> bytecode;

    CompiledMixer(String className, Map<String, byte[]> bytecode) {
        this.className = className;
        this.bytecode = Map.copyOf(bytecode);
    }

    public String className() {
        return className;
    }

    /** The bytecode of each declared class, by binary name, as javac wrote it (before the loader rewrites it). */
    public Map<String, byte[]> bytecode() {
        return bytecode;
    }

    /**
     * Defines the classes in a fresh loader that links them only against the allow-list, and returns a factory of mixers of width {@code dim}.
     * Only call this inside the candidate's child process.
     */
    public MixerFactory load(ClassLoader parent) {
        ClassLoader loader = new CandidateClassLoader(bytecode, parent);
        try {
            Class<?> loaded = loader.loadClass(className);
            if (!TokenMixer.class.isAssignableFrom(loaded)) {
                throw new IllegalArgumentException(className + " does not extend TokenMixer");
            }
            Constructor<? extends TokenMixer> constructor =
                    loaded.asSubclass(TokenMixer.class).getConstructor(int.class);
            return dim -> {
                try {
                    return constructor.newInstance(dim);
                } catch (InvocationTargetException e) {
                    throw new MixerConstructionException(className, e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new MixerConstructionException(className, e);
                }
            };
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled class " + className + " is missing", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " needs a public constructor " + className + "(int dim)");
        }
    }
}
