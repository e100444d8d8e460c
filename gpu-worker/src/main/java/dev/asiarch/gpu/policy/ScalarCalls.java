package dev.asiarch.gpu.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DJL calls whose gradient a garbage collection can corrupt, and what candidate code gets instead.
 * On the PyTorch engine (DJL 0.35.1), an operation of an array with a Java number whose backward pass
 * needs that number ({@code mul}, {@code div}, {@code pow}, {@code mod}, {@code maximum}, {@code minimum}
 * and their in-place forms) wraps it in a tensor over a direct buffer and closes the tensor at once;
 * autograd reads the freed buffer later. Each call of that kind, and each allowed DJL method that makes
 * one, is either rewritten in the candidate's bytecode to its twin in {@code dev.asiarch.kernels.Scalars}
 * or refused in its source with the safe way to write it.
 */
public final class ScalarCalls {

    /** A method by JVM internal owner name, name and descriptor. */
    public record Call(String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + "." + name + descriptor;
        }
    }

    static final String NDARRAY = "ai/djl/ndarray/NDArray";
    static final String NDARRAYS = "ai/djl/ndarray/NDArrays";
    static final String ACTIVATION = "ai/djl/nn/Activation";
    static final String SCALARS = "dev/asiarch/kernels/Scalars";

    private static final String ARRAY = "Lai/djl/ndarray/NDArray;";
    private static final String LIST = "Lai/djl/ndarray/NDList;";
    private static final String NUMBER = "Ljava/lang/Number;";
    private static final String BLOCK = "Lai/djl/nn/Block;";

    /** The engine's own faulty operations: the array's method with a number argument. */
    public static final List<String> FAULTY_OPERATIONS = List.of("mul", "div", "pow", "mod", "maximum", "minimum",
            "muli", "divi", "powi", "modi");

    private static final Map<Call, Call> REWRITES = buildRewrites();
    private static final Map<Call, String> REFUSALS = buildRefusals();

    private ScalarCalls() {
    }

    /** The faulty engine operations themselves, as {@code NDArray} interface methods. */
    public static List<Call> faultyOperations() {
        return FAULTY_OPERATIONS.stream().map(name -> new Call(NDARRAY, name, "(" + NUMBER + ")" + ARRAY)).toList();
    }

    /** The static method of {@code Scalars} a call is rewritten to, if it is one of the faulty ones. */
    public static Optional<Call> rewriteOf(Call call) {
        return Optional.ofNullable(REWRITES.get(call));
    }

    /** Why a call is refused in candidate source and what to write instead, if it is. */
    public static Optional<String> refusalOf(String owner, String name, String descriptor) {
        return Optional.ofNullable(REFUSALS.get(new Call(owner, name, descriptor)));
    }

    /** Every rewritten call, with its twin. */
    public static Map<Call, Call> rewrites() {
        return REWRITES;
    }

    /** Every refused call, with its advice. */
    public static Map<Call, String> refusals() {
        return REFUSALS;
    }

    private static Map<Call, Call> buildRewrites() {
        Map<Call, Call> rewrites = new LinkedHashMap<>();
        for (String name : FAULTY_OPERATIONS) {
            rewrites.put(new Call(NDARRAY, name, "(" + NUMBER + ")" + ARRAY),
                    new Call(SCALARS, name, "(" + ARRAY + NUMBER + ")" + ARRAY));
            rewrites.put(new Call(NDARRAYS, name, "(" + ARRAY + NUMBER + ")" + ARRAY),
                    new Call(SCALARS, name, "(" + ARRAY + NUMBER + ")" + ARRAY));
        }
        for (String name : List.of("mul", "div", "pow", "mod", "maximum", "minimum", "muli")) {
            rewrites.put(new Call(NDARRAYS, name, "(" + NUMBER + ARRAY + ")" + ARRAY),
                    new Call(SCALARS, name, "(" + NUMBER + ARRAY + ")" + ARRAY));
        }
        rewrites.put(new Call(NDARRAY, "scaleGradient", "(D)" + ARRAY),
                new Call(SCALARS, "scaleGradient", "(" + ARRAY + "D)" + ARRAY));
        rewrites.put(new Call(ACTIVATION, "swish", "(" + ARRAY + "F)" + ARRAY),
                new Call(SCALARS, "swish", "(" + ARRAY + "F)" + ARRAY));
        rewrites.put(new Call(ACTIVATION, "relu6", "(" + ARRAY + ")" + ARRAY),
                new Call(SCALARS, "relu6", "(" + ARRAY + ")" + ARRAY));
        return Map.copyOf(rewrites);
    }

    private static Map<Call, String> buildRefusals() {
        Map<Call, String> refusals = new LinkedHashMap<>();
        for (String name : List.of("divi", "powi", "modi")) {
            refusals.put(new Call(NDARRAYS, name, "(" + NUMBER + ARRAY + ")" + ARRAY),
                    "NDArrays." + name + "(Number, NDArray) corrupts gradients; write Scalars."
                            + name.substring(0, name.length() - 1) + "(n, x)");
        }
        for (String name : List.of("toDegrees", "toRadians")) {
            refusals.put(new Call(NDARRAY, name, "()" + ARRAY), "NDArray." + name + " corrupts gradients; "
                    + "multiply by the factor instead, e.g. x.mul(Math.PI / 180)");
        }
        refusals.put(new Call(ACTIVATION, "swish", "(" + LIST + "F)" + LIST),
                "Activation.swish(NDList, float) corrupts gradients; write Activation.swish(x, beta) on the array");
        refusals.put(new Call(ACTIVATION, "relu6", "(" + LIST + ")" + LIST),
                "Activation.relu6(NDList) corrupts gradients; write Activation.relu6(x) on the array");
        refusals.put(new Call(ACTIVATION, "swishBlock", "(F)" + BLOCK),
                "Activation.swishBlock corrupts gradients; write Activation.swish(x, beta) in mix");
        refusals.put(new Call(ACTIVATION, "relu6Block", "()" + BLOCK),
                "Activation.relu6Block corrupts gradients; write Activation.relu6(x) in mix");
        return Map.copyOf(refusals);
    }
}
