package dev.asiarch.gpu.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.NativeResource;
import ai.djl.util.Pair;
import dev.asiarch.gpu.policy.CandidateClassLoader;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The numbers a model holds, counted from what is there, not from what was declared: the elements of
 * every trained parameter's array as it is, plus every array of numbers the candidate's objects keep
 * in their fields (engine arrays and Java arrays, directly or in collections), which a budget of
 * learned parameters would otherwise never see. Read with reflection by the framework, in the child
 * process, after the model has run.
 *
 * @param trained   elements of the arrays training updates
 * @param constants elements of the other arrays the candidate's objects hold
 */
public record HeldWeights(long trained, long constants) {

    public long total() {
        return trained + constants;
    }

    public static HeldWeights of(Block model) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long trained = 0;
        for (Pair<String, Parameter> parameter : model.getParameters()) {
            if (parameter.getValue().isInitialized() && seen.add(parameter.getValue().getArray())) {
                trained += parameter.getValue().getArray().size();
            }
        }
        long constants = 0;
        Deque<Object> pending = new ArrayDeque<>();
        pending.add(model);
        while (!pending.isEmpty()) {
            Object next = pending.poll();
            if (next == null || !seen.add(next)) {
                continue;
            }
            if (next instanceof NDArray array) {
                boolean released = array instanceof NativeResource<?> resource && resource.isReleased();
                constants += released ? 0 : array.size();
            } else if (next instanceof Parameter parameter) {
                if (parameter.isInitialized()) {
                    pending.add(parameter.getArray());
                }
            } else if (next instanceof Block block && !isCandidate(next.getClass())) {
                block.getChildren().values().forEach(pending::add);
                fields(next, pending);
            } else if (next instanceof Collection<?> collection) {
                pending.addAll(collection);
            } else if (next instanceof Map<?, ?> map) {
                pending.addAll(map.keySet());
                pending.addAll(map.values());
            } else if (next instanceof Optional<?> optional) {
                optional.ifPresent(pending::add);
            } else if (next.getClass().isArray()) {
                if (next.getClass().getComponentType().isPrimitive()) {
                    constants += Array.getLength(next);
                } else {
                    for (int i = 0; i < Array.getLength(next); i++) {
                        pending.add(Array.get(next, i));
                    }
                }
            } else if (isCandidate(next.getClass()) || isKernel(next.getClass())) {
                if (next instanceof Block block) {
                    block.getChildren().values().forEach(pending::add);
                }
                fields(next, pending);
            }
        }
        return new HeldWeights(trained, constants);
    }

    private static boolean isCandidate(Class<?> type) {
        return type.getClassLoader() instanceof CandidateClassLoader;
    }

    private static boolean isKernel(Class<?> type) {
        return type.getName().startsWith("dev.asiarch.kernels.") || type.getName().startsWith("dev.asiarch.gpu.model.");
    }

    /** The instance fields of {@code object} declared by candidate, kernel and model classes. */
    private static void fields(Object object, Deque<Object> pending) {
        for (Class<?> type = object.getClass(); type != null; type = type.getSuperclass()) {
            if (!isCandidate(type) && !isKernel(type)) {
                continue;
            }
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    pending.add(field.get(object));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // A field the framework cannot read holds nothing the model can use either.
                }
            }
        }
    }
}
