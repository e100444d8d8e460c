package dev.asiarch.kernels;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * Per head and token, weights over named paths, computed from what the router reads (the hidden
 * state, or features of the caller's making): logits = Linear(input) per head and path (weights
 * {@code name.weight}, {@code name.bias} starting at zero), plus an optional fixed prior, scaled by a
 * learned temperature or sharpness, then a softmax (or independent sigmoids, or a two-level softmax
 * under a sigmoid split), with an optional floor. Declared once as a field, for example
 * {@code router("fusion", HEADS, "short", "long", "delta", "value").temperature().floor(0.02f)}; each
 * option that adds weights declares them when it is called.
 */
public final class Router {

    private final ParameterizedBlock owner;
    private final String name;
    private final int in;
    private final int heads;
    private final List<String> paths;
    private final Dense projection;
    private final float[] prior;
    private final Weight logTemperature;
    private final Weight sharpness;
    private final boolean independent;
    private final float floor;
    private final Dense split;
    private final int firstGroup;
    private final Dense floors;
    private final float maxFloor;

    Router(ParameterizedBlock owner, String name, int in, int heads, List<String> paths) {
        this(owner, name, in, heads, paths, owner.dense(name, in, heads * paths.size(), 0f), null, null, null, false,
                0f, null, 0, null, 0f);
        if (paths.size() < 2) {
            throw new IllegalArgumentException("router '" + name + "' needs at least two paths, got " + paths);
        }
    }

    private Router(ParameterizedBlock owner, String name, int in, int heads, List<String> paths, Dense projection,
                   float[] prior, Weight logTemperature, Weight sharpness, boolean independent, float floor,
                   Dense split, int firstGroup, Dense floors, float maxFloor) {
        this.owner = owner;
        this.name = name;
        this.in = in;
        this.heads = heads;
        this.paths = List.copyOf(paths);
        this.projection = projection;
        this.prior = prior;
        this.logTemperature = logTemperature;
        this.sharpness = sharpness;
        this.independent = independent;
        this.floor = floor;
        this.split = split;
        this.firstGroup = firstGroup;
        this.floors = floors;
        this.maxFloor = maxFloor;
    }

    /** The paths' names, in the order {@link #blend} takes them. */
    public List<String> paths() {
        return paths;
    }

    /** Adds a fixed logit per path (not learned; the learned bias starts at zero on top of it). */
    public Router prior(float... perPath) {
        if (perPath.length != paths.size()) {
            throw new IllegalArgumentException("router '" + name + "' has " + paths.size() + " paths " + paths
                    + ", but the prior has " + perPath.length + " values");
        }
        return new Router(owner, name, in, heads, paths, projection, perPath.clone(), logTemperature, sharpness,
                independent, floor, split, firstGroup, floors, maxFloor);
    }

    /** Divides the logits by exp(t), t a learned log temperature per head starting at 0 ({@code name.log_temperature}). */
    public Router temperature() {
        return new Router(owner, name, in, heads, paths, projection, prior,
                owner.constant(name + ".log_temperature", 0f, heads, 1, 1), sharpness, independent, floor, split,
                firstGroup, floors, maxFloor);
    }

    /** Multiplies the logits by softplus(s), s a learned sharpness per head starting at {@code init} ({@code name.sharpness}). */
    public Router sharpness(float init) {
        return new Router(owner, name, in, heads, paths, projection, prior, logTemperature,
                owner.constant(name + ".sharpness", init, heads, 1, 1), independent, floor, split, firstGroup, floors,
                maxFloor);
    }

    /** Each path gets its own sigmoid instead of a share of a softmax: weights need not sum to one. */
    public Router independent() {
        return new Router(owner, name, in, heads, paths, projection, prior, logTemperature, sharpness, true, floor,
                split, firstGroup, floors, maxFloor);
    }

    /** Keeps every weight at least {@code minimum}: see {@link #softmax} and {@link #independent(NDArray, float)}. */
    public Router floor(float minimum) {
        return new Router(owner, name, in, heads, paths, projection, prior, logTemperature, sharpness, independent,
                minimum, split, firstGroup, floors, maxFloor);
    }

    /**
     * Two levels: a sigmoid per head and token ({@code name.split}, bias 0) shares the mass between the
     * first {@code firstGroup} paths and the rest, and a softmax inside each group shares its part.
     */
    public Router hierarchical(int firstGroup) {
        if (firstGroup < 1 || firstGroup >= paths.size()) {
            throw new IllegalArgumentException("router '" + name + "': the first group of " + paths
                    + " must hold 1 to " + (paths.size() - 1) + " paths, not " + firstGroup);
        }
        return new Router(owner, name, in, heads, paths, projection, prior, logTemperature, sharpness, independent,
                floor, owner.dense(name + ".split", in, heads, 0f), firstGroup, floors, maxFloor);
    }

    /**
     * Learned floors f_p = maximum sigmoid(Linear(input)) per path ({@code name.floor}, bias {@code bias});
     * the weights become f + (1 - sum f) w, so no path can fall below its floor.
     */
    public Router floors(float maximum, float bias) {
        return new Router(owner, name, in, heads, paths, projection, prior, logTemperature, sharpness, independent,
                floor, split, firstGroup, owner.dense(name + ".floor", in, heads * paths.size(), bias), maximum);
    }

    /** {@code input[batch, time, in] -> weights[batch, heads, time, paths]}. */
    public NDArray weights(NDArray input) {
        NDArray logits = Heads.split(projection.apply(input), heads);
        if (prior != null) {
            logits = logits.add(input.getManager().create(prior));
        }
        if (logTemperature != null) {
            logits = logits.div(logTemperature.get().exp());
        }
        if (sharpness != null) {
            logits = logits.mul(Activations.softplus(sharpness.get()));
        }
        NDArray weights;
        if (split != null) {
            NDArray first = Heads.perHead(Activations.sigmoid(split.apply(input))).expandDims(3);
            weights = NDArrays.concat(new NDList(
                    logits.get("..., :" + firstGroup).softmax(3).mul(first),
                    logits.get("..., " + firstGroup + ":").softmax(3).mul(first.neg().add(1f))), 3);
        } else {
            weights = independent ? independent(logits, floor) : softmax(logits, floor);
        }
        if (floors != null) {
            NDArray least = Scalars.mul(Activations.sigmoid(Heads.split(floors.apply(input), heads)), maxFloor);
            weights = least.add(weights.mul(least.sum(new int[] {3}, true).neg().add(1f)));
        }
        return weights;
    }

    /** The paths {@code [batch, heads, time, d]}, in the order of {@link #paths()}, mixed by {@link #weights}. */
    public NDArray blend(NDArray input, NDArray... mixed) {
        if (mixed.length != paths.size()) {
            throw new IllegalArgumentException("router '" + name + "' blends " + paths.size() + " paths " + paths
                    + ", but was given " + mixed.length);
        }
        return Blend.weighted(weights(input), mixed);
    }

    /** softmax over the last axis, then {@code floor + (1 - paths * floor) p}: every weight at least floor, sum one. */
    public static NDArray softmax(NDArray logits, float floor) {
        NDArray weights = logits.softmax(-1);
        long count = logits.getShape().get(logits.getShape().dimension() - 1);
        return floor == 0f ? weights : Scalars.mul(weights, 1 - count * floor).add(floor);
    }

    /** sigmoid of each logit, then {@code floor + (1 - floor) p}. */
    public static NDArray independent(NDArray logits, float floor) {
        NDArray weights = Activations.sigmoid(logits);
        return floor == 0f ? weights : Scalars.mul(weights, 1 - floor).add(floor);
    }
}
