package dev.asiarch.gpu.testing;

/** Candidate sources the tests feed through the same path generated code takes. */
public final class Candidates {

    /** Output t is a projection of input t+1: reads the next token. */
    public static final String PEEKS_AT_NEXT_TOKEN = """
            import ai.djl.ndarray.NDArray;
            import ai.djl.ndarray.NDArrays;
            import ai.djl.ndarray.NDList;
            import dev.asiarch.kernels.Dense;
            import dev.asiarch.kernels.TokenMixer;

            public final class PeekNext extends TokenMixer {
                private final Dense proj;

                public PeekNext(int dim) {
                    super(dim);
                    proj = dense("proj", dim, dim);
                }

                @Override
                protected NDArray mix(NDArray x) {
                    NDArray shifted = NDArrays.concat(new NDList(x.get(":, 1:"), x.get(":, -1:")), 1);
                    return proj.apply(shifted);
                }
            }
            """;

    /** Calls a method that does not exist. */
    public static final String DOES_NOT_COMPILE = """
            import ai.djl.ndarray.NDArray;
            import dev.asiarch.kernels.TokenMixer;

            public final class Broken extends TokenMixer {
                public Broken(int dim) {
                    super(dim);
                }

                @Override
                protected NDArray mix(NDArray x) {
                    return x.frobnicate();
                }
            }
            """;

    /** Returns half the channels. */
    public static final String HALVES_WIDTH = """
            import ai.djl.ndarray.NDArray;
            import dev.asiarch.kernels.Dense;
            import dev.asiarch.kernels.TokenMixer;

            public final class Narrow extends TokenMixer {
                private final Dense proj;

                public Narrow(int dim) {
                    super(dim);
                    proj = dense("proj", dim, dim / 2);
                }

                @Override
                protected NDArray mix(NDArray x) {
                    return proj.apply(x);
                }
            }
            """;

    private Candidates() {
    }
}
