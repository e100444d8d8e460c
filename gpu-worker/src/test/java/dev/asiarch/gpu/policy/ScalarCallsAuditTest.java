package dev.asiarch.gpu.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import dev.asiarch.core.profile.ScreeningProfile;
import dev.asiarch.gpu.checks.MixerChecks;
import dev.asiarch.kernels.Scalars;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Nothing that candidate code or this project's own code can call reaches a faulty scalar operation
 * of the engine unseen. The bytecode of DJL's API is read as a call graph: every method of an allowed
 * class that reaches one, however indirectly, must be rewritten or refused by {@link ScalarCalls}; and
 * no method of this project's own modules (but {@code Scalars}, which exists to avoid them) may reach
 * one at all. A DJL upgrade that adds such a method fails here instead of corrupting gradients.
 */
class ScalarCallsAuditTest {

    /** Reach a faulty operation, but only to build a fresh array no gradient ever flows back through. */
    private static final Set<String> HARMLESS = Set.of(
            "ai/djl/ndarray/BaseNDManager.truncatedNormal(FFLai/djl/ndarray/types/Shape;Lai/djl/ndarray/types/DataType;)"
                    + "Lai/djl/ndarray/NDArray;");

    private static final Map<String, Set<String>> DJL_CALLS = new HashMap<>();
    private static Set<String> reaching;

    private static String key(ScalarCalls.Call call) {
        return call.owner() + "." + call.name() + call.descriptor();
    }

    @BeforeAll
    static void readTheApi() throws Exception {
        read(location(NDArray.class), DJL_CALLS);
        Set<String> faulty = new HashSet<>();
        ScalarCalls.faultyOperations().forEach(call -> faulty.add(key(call)));
        reaching = reachingAny(DJL_CALLS, faulty);
    }

    @Test
    void everyAllowedDjlMethodThatCorruptsGradientsIsRewrittenOrRefused() {
        Set<String> handled = new HashSet<>();
        ScalarCalls.rewrites().keySet().forEach(call -> handled.add(key(call)));
        ScalarCalls.refusals().keySet().forEach(call -> handled.add(key(call)));
        Set<String> unhandled = new TreeSet<>();
        for (String method : reaching) {
            String owner = method.substring(0, method.indexOf('.')).replace('/', '.');
            String name = method.substring(method.indexOf('.') + 1, method.indexOf('('));
            if (AllowList.allowsInSource(owner) && !name.startsWith("lambda$") && !name.startsWith("<")
                    && !handled.contains(method) && !HARMLESS.contains(method)) {
                unhandled.add(method);
            }
        }

        assertThat(reaching).as("the audit found the engine's faulty operations' callers at all")
                .contains("ai/djl/ndarray/NDArrays.mul(Lai/djl/ndarray/NDArray;Ljava/lang/Number;)Lai/djl/ndarray/NDArray;");
        assertThat(unhandled).isEmpty();
    }

    @Test
    void thisProjectsOwnCodeNeverCallsAFaultyOperation() throws Exception {
        Map<String, Set<String>> own = new HashMap<>();
        for (Class<?> module : List.of(Scalars.class, MixerChecks.class, ScreeningProfile.class)) {
            read(location(module), own);
        }
        Set<String> offenders = new TreeSet<>();
        own.forEach((method, callees) -> {
            if (!method.startsWith("dev/asiarch/kernels/Scalars.")) {
                callees.stream().filter(reaching::contains).forEach(callee -> offenders.add(method + " -> " + callee));
            }
        });

        assertThat(own).as("own classes were read").containsKey(
                "dev/asiarch/kernels/Scalars.mul(Lai/djl/ndarray/NDArray;Ljava/lang/Number;)Lai/djl/ndarray/NDArray;");
        assertThat(offenders).isEmpty();
    }

    /** Methods that call one of {@code targets}, directly or through other methods of the graph. */
    private static Set<String> reachingAny(Map<String, Set<String>> calls, Set<String> targets) {
        Set<String> reached = new HashSet<>(targets);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, Set<String>> method : calls.entrySet()) {
                if (!reached.contains(method.getKey()) && method.getValue().stream().anyMatch(reached::contains)) {
                    reached.add(method.getKey());
                    grew = true;
                }
            }
        }
        return reached;
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Every method in the jar or class folder, with the methods it calls (method references included). */
    private static void read(Path location, Map<String, Set<String>> calls) throws IOException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        readClass(in, calls);
                    }
                }
            }
            return;
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            for (var entry : new ArrayList<>(jar.stream().filter(e -> e.getName().endsWith(".class")).toList())) {
                try (InputStream in = jar.getInputStream(entry)) {
                    readClass(in, calls);
                }
            }
        }
    }

    private static void readClass(InputStream in, Map<String, Set<String>> calls) throws IOException {
        ClassReader reader = new ClassReader(in);
        String owner = reader.getClassName();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                Set<String> callees = calls.computeIfAbsent(owner + "." + name + descriptor, k -> new HashSet<>());
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String calledOwner, String calledName, String calledDescriptor,
                                                boolean isInterface) {
                        callees.add(calledOwner + "." + calledName + calledDescriptor);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap,
                                                       Object... arguments) {
                        for (Object argument : arguments) {
                            if (argument instanceof Handle handle) {
                                callees.add(handle.getOwner() + "." + handle.getName() + handle.getDesc());
                            }
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }
}
