package dev.asiarch.gpu.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.NormalInitializer;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.gpu.compile.MixerFactory;
import dev.asiarch.kernels.Activations;
import dev.asiarch.kernels.Dense;
import dev.asiarch.kernels.ParameterizedBlock;
import dev.asiarch.kernels.RmsNorm;
import dev.asiarch.kernels.TokenMixer;
import dev.asiarch.kernels.Weight;
import dev.asiarch.kernels.cuda.FusedTape;
import java.util.ArrayList;
import java.util.List;

/**
 * The language model the framework owns around a candidate mixer: byte embedding (vocabulary 256),
 * then per layer norm, mixer, residual, norm, MLP, residual; a final norm and the output head.
 * Maps {@code tokens[batch, time]} (int64) to {@code logits[batch, time, 256]}.
 */
public final class ByteLanguageModel extends ParameterizedBlock {

    public static final int VOCABULARY = 256;
    private static final int MLP_EXPANSION = 4;

    private final int dim;
    private final Weight embedding;
    private final List<Layer> layers = new ArrayList<>();
    private final RmsNorm finalNorm;
    private final Dense head;

    private record Layer(RmsNorm mixerNorm, TokenMixer mixer, RmsNorm mlpNorm, Dense up, Dense down) {
    }

    /** The text model of a screening profile. */
    public ByteLanguageModel(ScreeningProfile profile, MixerFactory mixers) {
        this(profile.dim(), profile.layers(), mixers);
    }

    public ByteLanguageModel(int dim, int layerCount, MixerFactory mixers) {
        this.dim = dim;
        embedding = weight("embedding", new NormalInitializer(0.02f), VOCABULARY, dim);
        for (int i = 0; i < layerCount; i++) {
            String prefix = "layer" + i + ".";
            layers.add(new Layer(
                    rmsNorm(prefix + "mixer_norm", dim),
                    addChildBlock(prefix + "mixer", mixers.create(dim)),
                    rmsNorm(prefix + "mlp_norm", dim),
                    dense(prefix + "mlp_up", dim, MLP_EXPANSION * dim),
                    dense(prefix + "mlp_down", MLP_EXPANSION * dim, dim)));
        }
        finalNorm = rmsNorm("final_norm", dim);
        head = dense("head", dim, VOCABULARY);
    }

    @Override
    protected NDArray compute(NDArray tokens) {
        NDArray hidden = tokens.oneHot(VOCABULARY).matMul(embedding.get());
        for (Layer layer : layers) {
            // Where the fused kernels train, the backward pass runs a layer at a time (FusedTape).
            hidden = FusedTape.cut(hidden);
            hidden = hidden.add(call(layer.mixer(), layer.mixerNorm().apply(hidden)));
            NDArray expanded = Activations.silu(layer.up().apply(layer.mlpNorm().apply(hidden)));
            hidden = hidden.add(layer.down().apply(expanded));
        }
        return head.apply(finalNorm.apply(hidden));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), VOCABULARY)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), dim);
        for (Layer layer : layers) {
            layer.mixer().initialize(manager, dataType, hidden);
        }
    }
}
