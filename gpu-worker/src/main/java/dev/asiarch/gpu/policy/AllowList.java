package dev.asiarch.gpu.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What candidate code may use, by binary class name: the DJL array and block types the
 * {@code TokenMixer} contract needs, the {@code kernels} primitives, {@code java.lang.Math} and basic
 * values, collections and functional interfaces. Everything else is refused; the refusals that matter
 * most (files, network, processes, {@code System}, reflection, threads, class loading, native access)
 * are named so the diagnostic says why.
 *
 * <p>The same list guards twice: {@link SourcePolicy} checks every type the parsed and attributed
 * source refers to, and {@link CandidateClassLoader} refuses to link the candidate's classes against
 * anything outside it.
 */
public final class AllowList {

    private static final List<String> ALLOWED_PACKAGES = List.of(
            "dev.asiarch.kernels.",
            "ai.djl.ndarray.",
            "ai.djl.training.initializer.",
            "java.util.function.");

    /**
     * Parts of allowed packages that are the engine's business: memory scopes (a candidate that opens
     * its own hides its arrays from the complexity check), internal array operations, adapters, and the
     * CUDA plumbing (NVRTC, device pointers, launches), which a candidate gets through the primitives.
     */
    private static final List<String> DENIED_WITHIN_ALLOWED = List.of(
            "ai.djl.ndarray.NDScope",
            "dev.asiarch.kernels.cuda.",
            "ai.djl.ndarray.internal.",
            "ai.djl.ndarray.NDArrayAdapter");

    /** Packages allowed as a whole, but not their sub-packages. */
    private static final Set<String> ALLOWED_EXACT_PACKAGES = Set.of("ai.djl.nn");

    private static final Set<String> ALLOWED_CLASSES = Set.of(
            "ai.djl.training.ParameterStore",
            "ai.djl.util.PairList",
            "ai.djl.util.Pair",
            "java.lang.Object", "java.lang.String", "java.lang.StringBuilder", "java.lang.AbstractStringBuilder",
            "java.lang.CharSequence",
            "java.lang.Math", "java.lang.StrictMath", "java.lang.Number", "java.lang.Integer", "java.lang.Long",
            "java.lang.Float", "java.lang.Double", "java.lang.Short", "java.lang.Byte", "java.lang.Boolean",
            "java.lang.Character", "java.lang.Void", "java.lang.Iterable", "java.lang.Comparable",
            "java.lang.AutoCloseable", "java.lang.Enum", "java.lang.Record",
            "java.lang.Override", "java.lang.SuppressWarnings", "java.lang.FunctionalInterface",
            "java.lang.SafeVarargs", "java.lang.Deprecated",
            "java.lang.Exception", "java.lang.RuntimeException", "java.lang.IllegalArgumentException",
            "java.lang.IllegalStateException", "java.lang.ArithmeticException",
            "java.lang.UnsupportedOperationException", "java.lang.IndexOutOfBoundsException",
            "java.lang.ArrayIndexOutOfBoundsException", "java.lang.NullPointerException",
            "java.util.List", "java.util.ArrayList", "java.util.LinkedList", "java.util.Map", "java.util.Map$Entry",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.Set",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.Collection",
            "java.util.Collections", "java.util.Arrays", "java.util.Objects", "java.util.Optional",
            "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble", "java.util.Iterator",
            "java.util.Deque", "java.util.ArrayDeque", "java.util.Comparator",
            "java.util.stream.Stream", "java.util.stream.IntStream", "java.util.stream.LongStream",
            "java.util.stream.DoubleStream", "java.util.stream.Collectors", "java.util.stream.Collector");

    /**
     * What the JVM itself needs to link compiled candidate code: lambda and string-concatenation
     * bootstraps, record methods, class literals of the candidate's own types. The source policy
     * still refuses any use of these in the source text.
     */
    private static final Set<String> LINKAGE_CLASSES = Set.of(
            "java.lang.Class", "java.lang.Throwable", "java.lang.Error",
            "java.lang.invoke.LambdaMetafactory", "java.lang.invoke.StringConcatFactory",
            "java.lang.invoke.MethodHandles$Lookup", "java.lang.invoke.MethodHandles",
            "java.lang.invoke.MethodHandle", "java.lang.invoke.MethodType", "java.lang.invoke.CallSite",
            "java.lang.invoke.TypeDescriptor", "java.lang.runtime.ObjectMethods",
            "java.lang.invoke.SerializedLambda",
            // assert statements; the lookup table javac writes for a switch over an enum, and the error an
            // exhaustive switch expression throws for a constant added after compilation
            "java.lang.AssertionError", "java.lang.NoSuchFieldError", "java.lang.IncompatibleClassChangeError",
            // the counter CandidateBytecode adds to every loop
            "dev.asiarch.gpu.policy.WorkMeter");

    /** Methods refused on otherwise allowed types, by binary owner name and method name. */
    private static final List<OwnedRefusal> REFUSED_OWNED_METHODS = List.of(
            new OwnedRefusal("ai.djl.ndarray.NDManager", "newBaseManager", PolicyRule.ENGINE_INTERNALS,
                    "arrays come from x.getManager() or the weights; a manager of its own escapes the framework"),
            new OwnedRefusal("ai.djl.ndarray.NDManager", "subManagerOf", PolicyRule.ENGINE_INTERNALS,
                    "arrays come from x.getManager() or the weights; a manager of its own escapes the framework"),
            new OwnedRefusal("ai.djl.ndarray.NDArray", "getNDArrayInternal", PolicyRule.ENGINE_INTERNALS,
                    "the engine's internal operations are not part of the mixer language"),
            new OwnedRefusal("java.lang.Integer", "getInteger", PolicyRule.SYSTEM, "it reads a system property"),
            new OwnedRefusal("java.lang.Long", "getLong", PolicyRule.SYSTEM, "it reads a system property"),
            new OwnedRefusal("java.lang.Boolean", "getBoolean", PolicyRule.SYSTEM, "it reads a system property"));

    /** Methods refused on otherwise allowed types, by method name whatever the owner. */
    private static final List<Refusal> REFUSED_METHODS = List.of(
            new Refusal("load", PolicyRule.FILES),
            new Refusal("saveParameters", PolicyRule.FILES),
            new Refusal("loadParameters", PolicyRule.FILES),
            new Refusal("getEngine", PolicyRule.NATIVE_ACCESS),
            new Refusal("wait", PolicyRule.THREADS),
            new Refusal("notify", PolicyRule.THREADS),
            new Refusal("notifyAll", PolicyRule.THREADS),
            new Refusal("parallel", PolicyRule.THREADS),
            new Refusal("parallelStream", PolicyRule.THREADS),
            new Refusal("getClass", PolicyRule.REFLECTION));

    /** Method name prefixes refused whatever the owner: {@code Arrays.parallelSetAll} and the like run code on pool threads. */
    private static final List<Refusal> REFUSED_METHOD_PREFIXES = List.of(new Refusal("parallel", PolicyRule.THREADS));

    /** Checked in order, so a longer name comes before its prefix (ClassLoader before Class). */
    private static final List<Refusal> REFUSED_PREFIXES = List.of(
            new Refusal("java.io.", PolicyRule.FILES),
            new Refusal("java.nio.file.", PolicyRule.FILES),
            new Refusal("java.nio.channels.", PolicyRule.FILES),
            new Refusal("java.util.zip.", PolicyRule.FILES),
            new Refusal("java.util.jar.", PolicyRule.FILES),
            new Refusal("java.net.", PolicyRule.NETWORK),
            new Refusal("javax.net.", PolicyRule.NETWORK),
            new Refusal("java.rmi.", PolicyRule.NETWORK),
            new Refusal("java.lang.Process", PolicyRule.PROCESSES),
            new Refusal("java.lang.System", PolicyRule.SYSTEM),
            new Refusal("java.lang.Runtime", PolicyRule.SYSTEM),
            new Refusal("java.lang.Shutdown", PolicyRule.SYSTEM),
            new Refusal("java.lang.ClassLoader", PolicyRule.CLASS_LOADING),
            new Refusal("java.lang.reflect.", PolicyRule.REFLECTION),
            new Refusal("java.lang.invoke.", PolicyRule.REFLECTION),
            new Refusal("java.lang.Class", PolicyRule.REFLECTION),
            new Refusal("java.lang.Module", PolicyRule.REFLECTION),
            new Refusal("java.lang.StackWalker", PolicyRule.REFLECTION),
            new Refusal("java.lang.Thread", PolicyRule.THREADS),
            new Refusal("java.lang.Runnable", PolicyRule.THREADS),
            new Refusal("java.util.concurrent.", PolicyRule.THREADS),
            new Refusal("java.util.Timer", PolicyRule.THREADS),
            new Refusal("java.lang.instrument.", PolicyRule.CLASS_LOADING),
            new Refusal("java.lang.foreign.", PolicyRule.NATIVE_ACCESS),
            new Refusal("sun.", PolicyRule.NATIVE_ACCESS),
            new Refusal("jdk.internal.", PolicyRule.NATIVE_ACCESS),
            new Refusal("com.sun.", PolicyRule.NATIVE_ACCESS),
            new Refusal("ai.djl.engine.", PolicyRule.NATIVE_ACCESS),
            new Refusal("ai.djl.pytorch.", PolicyRule.NATIVE_ACCESS),
            new Refusal("org.bytedeco.", PolicyRule.NATIVE_ACCESS));

    private AllowList() {
    }

    /** Whether source may refer to the class with this binary name. */
    public static boolean allowsInSource(String binaryName) {
        if (DENIED_WITHIN_ALLOWED.stream().anyMatch(binaryName::startsWith)) {
            return false;
        }
        if (ALLOWED_CLASSES.contains(binaryName)) {
            return true;
        }
        String outer = binaryName.contains("$") ? binaryName.substring(0, binaryName.indexOf('$')) : binaryName;
        String packageName = outer.contains(".") ? outer.substring(0, outer.lastIndexOf('.')) : "";
        return ALLOWED_EXACT_PACKAGES.contains(packageName)
                || ALLOWED_PACKAGES.stream().anyMatch(outer::startsWith);
    }

    /** Whether compiled candidate code may be linked against the class with this binary name. */
    public static boolean allowsLinking(String binaryName) {
        return allowsInSource(binaryName) || LINKAGE_CLASSES.contains(binaryName);
    }

    /** The named rule a refused class breaks; {@link PolicyRule#NOT_ALLOWED} when no specific one applies. */
    public static PolicyRule ruleFor(String binaryName) {
        if (DENIED_WITHIN_ALLOWED.stream().anyMatch(binaryName::startsWith)) {
            return PolicyRule.ENGINE_INTERNALS;
        }
        return REFUSED_PREFIXES.stream()
                .filter(refusal -> binaryName.startsWith(refusal.name()))
                .map(Refusal::rule)
                .findFirst()
                .orElse(PolicyRule.NOT_ALLOWED);
    }

    /** The rule a call of {@code methodName} breaks even on an allowed type, if any. */
    public static Optional<PolicyRule> refusedMethod(String methodName) {
        return REFUSED_METHODS.stream()
                .filter(refusal -> refusal.name().equals(methodName))
                .map(Refusal::rule)
                .findFirst()
                .or(() -> REFUSED_METHOD_PREFIXES.stream()
                        .filter(refusal -> methodName.startsWith(refusal.name()))
                        .map(Refusal::rule)
                        .findFirst());
    }

    /** The refusal of a call of {@code methodName} on the type {@code ownerBinaryName}, if it has one of its own. */
    public static Optional<OwnedRefusal> refusedMethod(String ownerBinaryName, String methodName) {
        return REFUSED_OWNED_METHODS.stream()
                .filter(refusal -> refusal.owner().equals(ownerBinaryName) && refusal.name().equals(methodName))
                .findFirst();
    }

    /** A one-line summary of the list, for prompts and diagnostics. */
    public static String summary() {
        return "allowed: dev.asiarch.kernels.*, ai.djl.ndarray.* (NDArray, NDList, NDManager, NDArrays, Shape, "
                + "DataType, NDIndex), ai.djl.nn blocks, ai.djl.training.initializer.*, java.lang.Math and boxed "
                + "values, String, basic java.util collections, java.util.stream (sequential) and "
                + "java.util.function; refused: files, network, processes, System/Runtime, reflection, threads, "
                + "class loading, native access, the engine's internals (NDScope, NDManager.newBaseManager, "
                + "internal operations, the CUDA plumbing in dev.asiarch.kernels.cuda), overriding framework "
                + "methods other than mix, finalize, and static "
                + "mutable state (enum constants included)";
    }

    private record Refusal(String name, PolicyRule rule) {
    }

    /** A method refused on one type, and why. */
    public record OwnedRefusal(String owner, String name, PolicyRule rule, String why) {
    }
}
