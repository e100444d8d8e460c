package dev.asiarch.gpu.policy;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the candidate class loader does to a candidate's bytecode before it defines it: calls whose
 * gradient a garbage collection corrupts ({@link ScalarCalls}) go to their safe twins, as calls and as
 * method references; and every method entry and loop iteration ticks the {@link WorkMeter}. Neither
 * changes what a correct program computes, nor the operand stack at any instruction, so frames stay
 * valid.
 */
public final class CandidateBytecode {

    private static final String METER = WorkMeter.class.getName().replace('.', '/');

    private CandidateBytecode() {
    }

    public static byte[] transform(byte[] bytecode) {
        ClassReader reader = new ClassReader(bytecode);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 ? method : new Instrumenter(method);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class Instrumenter extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        Instrumenter(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        private void tick() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, METER, "tick", "()V", false);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            tick();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                tick();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (seen.contains(dflt) || Set.of(labels).stream().anyMatch(seen::contains)) {
                tick();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (seen.contains(dflt) || Set.of(labels).stream().anyMatch(seen::contains)) {
                tick();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            var twin = ScalarCalls.rewriteOf(new ScalarCalls.Call(owner, name, descriptor));
            if (twin.isPresent()) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, twin.get().owner(), twin.get().name(),
                        twin.get().descriptor(), false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] rewritten = arguments.clone();
            for (int i = 0; i < rewritten.length; i++) {
                if (rewritten[i] instanceof Handle handle) {
                    var twin = ScalarCalls.rewriteOf(new ScalarCalls.Call(handle.getOwner(), handle.getName(),
                            handle.getDesc()));
                    if (twin.isPresent()) {
                        rewritten[i] = new Handle(Opcodes.H_INVOKESTATIC, twin.get().owner(), twin.get().name(),
                                twin.get().descriptor(), false);
                    }
                }
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, rewritten);
        }
    }
}
