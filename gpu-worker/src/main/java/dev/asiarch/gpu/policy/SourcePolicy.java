package dev.asiarch.gpu.policy;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Checks attributed candidate source against the {@link AllowList}: every type, method and field it
 * refers to (by name or as the type of an expression), native methods, and static state, which must
 * be final and of a primitive or String type. Runs on javac's trees after attribution and before any
 * bytecode is generated, so nothing of the candidate runs.
 */
public final class SourcePolicy {

    private SourcePolicy() {
    }

    /** Every violation in the units, in source order, at most one per line and rule. */
    public static List<PolicyViolation> check(JavacTask task, Iterable<? extends CompilationUnitTree> units) {
        Trees trees = Trees.instance(task);
        Elements elements = task.getElements();
        Map<String, PolicyViolation> found = new LinkedHashMap<>();
        for (CompilationUnitTree unit : units) {
            Set<String> ownTypes = new HashSet<>();
            new TreePathScanner<Void, Void>() {
                @Override
                public Void visitClass(ClassTree node, Void unused) {
                    Element element = trees.getElement(getCurrentPath());
                    if (element instanceof TypeElement type) {
                        ownTypes.add(elements.getBinaryName(type).toString());
                    }
                    return super.visitClass(node, unused);
                }
            }.scan(unit, null);
            new Scanner(trees, elements, unit, ownTypes, found).scan(unit, null);
        }
        return List.copyOf(found.values());
    }

    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final Trees trees;
        private final Elements elements;
        private final CompilationUnitTree unit;
        private final SourcePositions positions;
        private final Set<String> ownTypes;
        private final Map<String, PolicyViolation> found;

        Scanner(Trees trees, Elements elements, CompilationUnitTree unit, Set<String> ownTypes,
                Map<String, PolicyViolation> found) {
            this.trees = trees;
            this.elements = elements;
            this.unit = unit;
            this.positions = trees.getSourcePositions();
            this.ownTypes = ownTypes;
            this.found = found;
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
            checkReference(node);
            return super.visitIdentifier(node, unused);
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void unused) {
            checkReference(node);
            return super.visitMemberSelect(node, unused);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree node, Void unused) {
            checkReference(node);
            return super.visitMemberReference(node, unused);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            checkExpressionType(node);
            return super.visitMethodInvocation(node, unused);
        }

        @Override
        public Void visitNewClass(NewClassTree node, Void unused) {
            checkExpressionType(node);
            return super.visitNewClass(node, unused);
        }

        @Override
        public Void visitMethod(MethodTree node, Void unused) {
            if (node.getModifiers().getFlags().contains(Modifier.NATIVE)) {
                report(node, PolicyRule.NATIVE_ACCESS, "native method " + node.getName());
            }
            return super.visitMethod(node, unused);
        }

        @Override
        public Void visitVariable(VariableTree node, Void unused) {
            Element element = trees.getElement(getCurrentPath());
            if (element != null) {
                checkType(node, element.asType(), "variable " + node.getName());
                if (element.getKind() == ElementKind.FIELD && element.getModifiers().contains(Modifier.STATIC)) {
                    checkStaticField(node, element);
                }
            }
            return super.visitVariable(node, unused);
        }

        private void checkStaticField(VariableTree node, Element field) {
            if (!field.getModifiers().contains(Modifier.FINAL)) {
                report(node, PolicyRule.STATIC_STATE, "static field " + node.getName()
                        + " is not final; keep state in instance fields or in NDArrays");
                return;
            }
            TypeMirror type = field.asType();
            boolean immutable = type.getKind().isPrimitive()
                    || (type instanceof DeclaredType declared
                    && declared.asElement().toString().equals("java.lang.String"));
            if (!immutable) {
                report(node, PolicyRule.STATIC_STATE, "static final field " + node.getName() + " of type " + type
                        + " can be mutated; static constants must be primitives or Strings");
            }
        }

        private void checkReference(Tree node) {
            Element element = trees.getElement(getCurrentPath());
            if (element == null) {
                return;
            }
            switch (element.getKind()) {
                case PACKAGE, LOCAL_VARIABLE, PARAMETER, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, TYPE_PARAMETER,
                        BINDING_VARIABLE -> {
                    return;
                }
                case METHOD, CONSTRUCTOR -> {
                    Optional<PolicyRule> refused = AllowList.refusedMethod(element.getSimpleName().toString());
                    TypeElement owner = owner(element);
                    if (refused.isPresent() && owner != null && !isOwn(owner)) {
                        report(node, refused.get(), "call of " + simpleName(owner) + "." + element.getSimpleName());
                        return;
                    }
                }
                default -> {
                }
            }
            TypeElement type = element instanceof TypeElement t ? t : owner(element);
            if (type != null) {
                checkTypeElement(node, type, describe(element));
            }
        }

        private void checkExpressionType(Tree node) {
            TypeMirror type = trees.getTypeMirror(getCurrentPath());
            if (type != null) {
                checkType(node, type, "an expression");
            }
        }

        private void checkType(Tree node, TypeMirror type, String what) {
            if (type.getKind() == TypeKind.ARRAY) {
                checkType(node, ((ArrayType) type).getComponentType(), what);
            } else if (type instanceof DeclaredType declared && declared.asElement() instanceof TypeElement element) {
                checkTypeElement(node, element, what + " of type " + simpleName(element));
                for (TypeMirror argument : declared.getTypeArguments()) {
                    checkType(node, argument, what);
                }
            }
        }

        private void checkTypeElement(Tree node, TypeElement type, String what) {
            if (isOwn(type)) {
                return;
            }
            String binaryName = elements.getBinaryName(type).toString();
            if (!AllowList.allowsInSource(binaryName)) {
                PolicyRule rule = AllowList.ruleFor(binaryName);
                report(node, rule, what + " uses " + binaryName);
            }
        }

        private boolean isOwn(TypeElement type) {
            return ownTypes.contains(elements.getBinaryName(type).toString());
        }

        private static TypeElement owner(Element element) {
            Element enclosing = element.getEnclosingElement();
            while (enclosing != null && !(enclosing instanceof TypeElement)) {
                enclosing = enclosing.getEnclosingElement();
            }
            return (TypeElement) enclosing;
        }

        private static String describe(Element element) {
            return switch (element.getKind()) {
                case METHOD -> "call of " + element.getSimpleName();
                case CONSTRUCTOR -> "constructor";
                case FIELD, ENUM_CONSTANT -> "field " + element.getSimpleName();
                default -> "reference to " + element.getSimpleName();
            };
        }

        private static String simpleName(TypeElement type) {
            return type.getSimpleName().toString();
        }

        private void report(Tree node, PolicyRule rule, String what) {
            long start = positions.getStartPosition(unit, node);
            long line = unit.getLineMap().getLineNumber(start);
            long column = unit.getLineMap().getColumnNumber(start);
            found.putIfAbsent(line + ":" + rule, new PolicyViolation(rule, line, column, what));
        }
    }

    /** All violations as one diagnostic, one per line. */
    public static String describe(List<PolicyViolation> violations) {
        List<String> lines = new ArrayList<>();
        lines.add("the source uses what candidate code may not (" + AllowList.summary() + "):");
        violations.forEach(violation -> lines.add(violation.describe()));
        return String.join("\n", lines);
    }
}
