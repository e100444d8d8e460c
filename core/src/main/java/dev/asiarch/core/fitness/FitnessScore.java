package dev.asiarch.core.fitness;

import java.util.OptionalDouble;

/** A fitness value in [0, 1] and the terms it was averaged from. */
public record FitnessScore(double value, double lossTerm, OptionalDouble benchmarkTerm, OptionalDouble judgeTerm) {
}
