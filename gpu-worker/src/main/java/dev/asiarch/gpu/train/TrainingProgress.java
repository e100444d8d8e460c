package dev.asiarch.gpu.train;

/** Receives a point of the training curve as it is measured. */
@FunctionalInterface
public interface TrainingProgress {

    void point(int step, int steps, double loss);
}
