package dev.asiarch.gpu.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of a text training run at a step boundary: progress so far and, while training is under
 * way, the weights and optimiser moments (through {@link AdamW#save}). Once training is done it
 * holds the text metrics instead, so a resumed run goes straight to the benchmarks. Written to a
 * temporary file and renamed, so a reader never sees half a checkpoint.
 */
final class Checkpoint {

    private static final int MAGIC = 0x41534943; // "ASIC"
    private static final int VERSION = 1;

    /** Training progress that survives a restart. */
    static final class Progress {
        int nextStep;
        final List<Double> curve = new ArrayList<>();
        double windowSum;
        double tailSum;
        double bestLoss = Double.POSITIVE_INFINITY;
        double trainSeconds;
        boolean done;
        double validationLoss;
        double finalTrainLoss;
    }

    private Checkpoint() {
    }

    static void write(Path file, Progress progress, AdamW optimizer) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeBoolean(progress.done);
            out.writeInt(progress.nextStep);
            out.writeInt(progress.curve.size());
            for (double point : progress.curve) {
                out.writeDouble(point);
            }
            out.writeDouble(progress.windowSum);
            out.writeDouble(progress.tailSum);
            out.writeDouble(progress.bestLoss);
            out.writeDouble(progress.trainSeconds);
            if (progress.done) {
                out.writeDouble(progress.validationLoss);
                out.writeDouble(progress.finalTrainLoss);
            } else {
                optimizer.save(out);
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads progress, and when training was under way, restores weights and moments into {@code optimizer}. */
    static Progress read(Path file, AdamW optimizer) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + " is not a checkpoint of this version");
            }
            Progress progress = new Progress();
            progress.done = in.readBoolean();
            progress.nextStep = in.readInt();
            int points = in.readInt();
            for (int i = 0; i < points; i++) {
                progress.curve.add(in.readDouble());
            }
            progress.windowSum = in.readDouble();
            progress.tailSum = in.readDouble();
            progress.bestLoss = in.readDouble();
            progress.trainSeconds = in.readDouble();
            if (progress.done) {
                progress.validationLoss = in.readDouble();
                progress.finalTrainLoss = in.readDouble();
            } else {
                optimizer.load(in);
            }
            return progress;
        }
    }
}
