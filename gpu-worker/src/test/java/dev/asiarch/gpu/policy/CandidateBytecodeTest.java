package dev.asiarch.gpu.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.gpu.compile.InMemoryCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** What the candidate class loader changes in a candidate's bytecode, and that the result still runs. */
class CandidateBytecodeTest {

    private static final String SCALING = """
            import ai.djl.ndarray.NDArray;
            import ai.djl.ndarray.NDArrays;
            import dev.asiarch.kernels.TokenMixer;
            import java.util.function.BiFunction;
            import java.util.function.Function;

            public final class Scaling extends TokenMixer {
                private final BiFunction<NDArray, Number, NDArray> scale = NDArray::mul;

                public Scaling(int dim) {
                    super(dim);
                }

                @Override
                protected NDArray mix(NDArray x) {
                    Function<Number, NDArray> bound = x::div;
                    return scale.apply(bound.apply(2f), 3f).pow(1f).add(NDArrays.mul(1f, x));
                }
            }
            """;

    /** Every method call and method reference in the class, as owner.name(descriptor). */
    private static List<String> calls(byte[] bytecode) {
        List<String> calls = new ArrayList<>();
        new ClassReader(bytecode).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String desc, boolean itf) {
                        calls.add(owner + "." + called + desc);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String indy, String desc, Handle bootstrap, Object... args) {
                        for (Object arg : args) {
                            if (arg instanceof Handle handle) {
                                calls.add(handle.getOwner() + "." + handle.getName() + handle.getDesc());
                            }
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }

    @Test
    void routesEveryFaultyScalarCallAndMethodReferenceToItsSafeTwin() throws Exception {
        byte[] original = InMemoryCompiler.forThisProcess().compile(SCALING).bytecode().get("Scaling");
        List<String> before = calls(original);
        List<String> after = calls(CandidateBytecode.transform(original));

        assertThat(before).contains("ai/djl/ndarray/NDArray.mul(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;",
                "ai/djl/ndarray/NDArray.div(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;",
                "ai/djl/ndarray/NDArray.pow(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;",
                "ai/djl/ndarray/NDArrays.mul(Ljava/lang/Number;Lai/djl/ndarray/NDArray;)Lai/djl/ndarray/NDArray;");
        assertThat(after).noneMatch(call -> ScalarCalls.rewrites().keySet().stream()
                .anyMatch(faulty -> call.equals(faulty.owner() + "." + faulty.name() + faulty.descriptor())));
        assertThat(after).contains(
                "dev/asiarch/kernels/Scalars.mul(Lai/djl/ndarray/NDArray;Ljava/lang/Number;)Lai/djl/ndarray/NDArray;",
                "dev/asiarch/kernels/Scalars.div(Lai/djl/ndarray/NDArray;Ljava/lang/Number;)Lai/djl/ndarray/NDArray;",
                "dev/asiarch/kernels/Scalars.mul(Ljava/lang/Number;Lai/djl/ndarray/NDArray;)Lai/djl/ndarray/NDArray;");
    }

    @Test
    void countsEveryLoopIterationAndCall() throws Exception {
        String source = """
                import ai.djl.ndarray.NDArray;
                import dev.asiarch.kernels.TokenMixer;
                import java.util.function.IntUnaryOperator;

                public final class Loops extends TokenMixer {
                    public final IntUnaryOperator work = n -> {
                        int total = 0;
                        for (int i = 0; i < n; i++) {
                            int j = 0;
                            while (j < n) {
                                total += j++;
                            }
                        }
                        return total;
                    };

                    public Loops(int dim) {
                        super(dim);
                    }

                    @Override
                    protected NDArray mix(NDArray x) {
                        return x;
                    }
                }
                """;
        var mixer = InMemoryCompiler.forThisProcess().compile(source).load(getClass().getClassLoader()).create(4);
        IntUnaryOperator work = (IntUnaryOperator) mixer.getClass().getField("work").get(mixer);

        long before = WorkMeter.ticks();
        int total = work.applyAsInt(100);
        long ticks = WorkMeter.ticks() - before;

        assertThat(total).isEqualTo(100 * 4950);
        assertThat(ticks).isBetween(100L * 100, 100L * 100 + 300);
    }
}
