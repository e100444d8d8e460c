package dev.asiarch.workflows.experiment;

import java.util.function.Function;

/**
 * Where an experiment stands after a step: it goes on with what the step produced, or it has ended, with
 * the reason and everything known by then. Steps chain with {@link #then}; an ended experiment skips the
 * rest.
 */
sealed interface Stage<T> {

    record Next<T>(T value) implements Stage<T> {
    }

    record Ended<T>(Ending ending) implements Stage<T> {
    }

    static <T> Stage<T> next(T value) {
        return new Next<>(value);
    }

    static <T> Stage<T> ended(Ending ending) {
        return new Ended<>(ending);
    }

    /** The next step, when this one went on. */
    default <U> Stage<U> then(Function<T, Stage<U>> step) {
        if (this instanceof Next<T> next) {
            return step.apply(next.value());
        }
        return ended(((Ended<T>) this).ending());
    }

    /** A step that cannot end the experiment, when this one went on. */
    default <U> Stage<U> map(Function<T, U> step) {
        return then(value -> next(step.apply(value)));
    }

    /** The experiment's last word: what went on to the end, or how it ended. */
    default <R> R fold(Function<T, R> finished, Function<Ending, R> ended) {
        if (this instanceof Next<T> next) {
            return finished.apply(next.value());
        }
        return ended.apply(((Ended<T>) this).ending());
    }
}
