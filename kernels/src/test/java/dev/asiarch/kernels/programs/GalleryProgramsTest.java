package dev.asiarch.kernels.programs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.asiarch.kernels.TokenMixer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every gallery program, compiled with this module's test sources, runs on the kernels as they are now:
 * shape in is shape out at a length that is not a multiple of the chunk, outputs are finite, no output
 * reads a later token, and no sequence reads its batch mates. (The full checks, at training's shapes
 * and under moved weights, are the GPU worker's; this is the kernels' own guard.)
 */
class GalleryProgramsTest {

    private static final int DIM = 32;
    private static final int LENGTH = 45;
    private static final int CUT = 29;

    @Test
    void everyGalleryProgramCompilesAgainstTheKernelsAndMixesCausally() throws Exception {
        List<String> names = new ArrayList<>(Gallery.names());
        names.add(Gallery.CONTROL);
        for (String name : names) {
            check(name);
        }
    }

    private static void check(String name) throws Exception {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager()) {
            TokenMixer mixer = (TokenMixer) Class.forName(name).getConstructor(int.class).newInstance(DIM);
            mixer.initialize(manager, DataType.FLOAT32, new Shape(2, LENGTH, DIM));
            NDArray x = manager.randomNormal(new Shape(2, LENGTH, DIM));

            float[] y = run(mixer, manager, x);
            assertThat(y).as(name + " keeps the shape").hasSize(2 * LENGTH * DIM);
            for (float value : y) {
                assertThat(Float.isFinite(value)).as(name + " is finite").isTrue();
            }

            // Change every token from CUT on in both rows, then only the second row.
            NDArray later = x.duplicate();
            later.set(new ai.djl.ndarray.index.NDIndex(":, " + CUT + ":, :"), manager.randomNormal(new Shape(2, LENGTH - CUT, DIM)));
            float[] changed = run(mixer, manager, later);
            NDArray mate = x.duplicate();
            mate.set(new ai.djl.ndarray.index.NDIndex("1, :, :"), manager.randomNormal(new Shape(LENGTH, DIM)));
            float[] mateChanged = run(mixer, manager, mate);
            for (int t = 0; t < LENGTH; t++) {
                for (int c = 0; c < DIM; c++) {
                    int at = t * DIM + c;
                    if (t < CUT) {
                        assertThat(changed[at]).as(name + ": output at position " + t + " read a later token")
                                .isCloseTo(y[at], org.assertj.core.data.Offset.offset(1e-4f * (1 + Math.abs(y[at]))));
                    }
                    assertThat(mateChanged[at]).as(name + ": the first sequence's output at " + t + " read its batch mate")
                            .isCloseTo(y[at], org.assertj.core.data.Offset.offset(1e-4f * (1 + Math.abs(y[at]))));
                }
            }
        }
    }

    private static float[] run(TokenMixer mixer, NDManager manager, NDArray x) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = x.duplicate();
            input.attach(scope);
            NDArray y = mixer.forward(new ParameterStore(scope, false), new NDList(input), false).singletonOrThrow();
            return y.toFloatArray();
        }
    }
}
