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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks attributed candidate source against the {@link AllowList}: every type, method and field it
 * refers to (by name or as the type of an expression), calls that corrupt gradients and have no safe
 * twin ({@link ScalarCalls}), native methods, finalizers, methods that override the framework's (only
 * {@code mix}, and an initialiser's {@code initialize}, may), and static state, which must be final and
 * of a primitive or String type (an enum's fields are static state too: its constants are shared).
 * Runs on javac's trees after attribution and before any bytecode is generated, so nothing of the
 * candidate runs.
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
            new Scanner(trees, elements, task.getTypes(), unit, ownTypes, found).scan(unit, null);
        }
        return List.copyOf(found.values());
    }

    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final Trees trees;
        private final Elements elements;
        private final Types types;
        private final CompilationUnitTree unit;
        private final SourcePositions positions;
        private final Set<String> ownTypes;
        private final Map<String, PolicyViolation> found;

        Scanner(Trees trees, Elements elements, Types types, CompilationUnitTree unit, Set<String> ownTypes,
                Map<String, PolicyViolation> found) {
            this.trees = trees;
            this.elements = elements;
            this.types = types;
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
            if (trees.getElement(getCurrentPath()) instanceof ExecutableElement method) {
                checkOverride(node, method);
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
                } else if (element.getKind() == ElementKind.FIELD && isEnumMember(element)) {
                    checkEnumField(node, element);
                }
            }
            return super.visitVariable(node, unused);
        }

        /** A finalizer runs on the JVM's own thread; overriding the framework changes what the checks see. */
        private void checkOverride(MethodTree node, ExecutableElement method) {
            if (method.getSimpleName().contentEquals("finalize") && method.getParameters().isEmpty()) {
                report(node, PolicyRule.THREADS, "method finalize, which the JVM runs on its finalizer thread");
                return;
            }
            TypeElement declaring = owner(method);
            if (declaring == null || method.getModifiers().contains(Modifier.STATIC) || overridesObject(method, declaring)) {
                return;
            }
            for (TypeElement supertype : frameworkSupertypes(declaring.asType(), new LinkedHashSet<>())) {
                for (Element member : supertype.getEnclosedElements()) {
                    if (member instanceof ExecutableElement inherited
                            && inherited.getSimpleName().equals(method.getSimpleName())
                            && elements.overrides(method, inherited, declaring)
                            && !mayOverride(supertype, inherited)) {
                        report(node, PolicyRule.FRAMEWORK_OVERRIDE, "method " + method.getSimpleName()
                                + " overrides " + simpleName(supertype) + "." + inherited.getSimpleName()
                                + "; a mixer declares its weights in the constructor and writes only mix");
                        return;
                    }
                }
            }
        }

        /** toString, equals and hashCode say what an object is; whatever a block does with them, they stay allowed. */
        private boolean overridesObject(ExecutableElement method, TypeElement declaring) {
            TypeElement object = elements.getTypeElement("java.lang.Object");
            return object.getEnclosedElements().stream()
                    .filter(member -> member instanceof ExecutableElement)
                    .anyMatch(member -> elements.overrides(method, (ExecutableElement) member, declaring));
        }

        private static boolean mayOverride(TypeElement supertype, ExecutableElement method) {
            String owner = supertype.getQualifiedName().toString();
            String name = method.getSimpleName().toString();
            return owner.equals("dev.asiarch.kernels.TokenMixer") && name.equals("mix")
                    || owner.equals("ai.djl.training.initializer.Initializer") && name.equals("initialize");
        }

        /** The supertypes of {@code type} that belong to DJL or the kernels, however far up, nearest first. */
        private Set<TypeElement> frameworkSupertypes(TypeMirror type, Set<TypeElement> found) {
            for (TypeMirror supertype : types.directSupertypes(type)) {
                if (types.asElement(supertype) instanceof TypeElement element) {
                    String name = element.getQualifiedName().toString();
                    if (!isOwn(element) && (name.startsWith("ai.djl.") || name.startsWith("dev.asiarch.kernels."))) {
                        found.add(element);
                    }
                    frameworkSupertypes(supertype, found);
                }
            }
            return found;
        }

        private static boolean isEnumMember(Element field) {
            TypeElement owner = owner(field);
            if (owner == null) {
                return false;
            }
            if (owner.getKind() == ElementKind.ENUM) {
                return true;
            }
            // The body of an enum constant is an anonymous subclass of the enum.
            return owner.getSuperclass() instanceof DeclaredType parent && parent.asElement().getKind() == ElementKind.ENUM;
        }

        private void checkEnumField(VariableTree node, Element field) {
            if (!field.getModifiers().contains(Modifier.FINAL) || !isImmutable(field.asType())) {
                report(node, PolicyRule.STATIC_STATE, "field " + node.getName() + " of an enum is shared by every "
                        + "user of its constants; make it final and a primitive or String");
            }
        }

        private static boolean isImmutable(TypeMirror type) {
            return type.getKind().isPrimitive() || (type instanceof DeclaredType declared
                    && declared.asElement().toString().equals("java.lang.String"));
        }

        private void checkStaticField(VariableTree node, Element field) {
            if (!field.getModifiers().contains(Modifier.FINAL)) {
                report(node, PolicyRule.STATIC_STATE, "static field " + node.getName()
                        + " is not final; keep state in instance fields or in NDArrays");
                return;
            }
            TypeMirror type = field.asType();
            if (!isImmutable(type)) {
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
                    TypeElement owner = owner(element);
                    if (owner != null && isArray(owner)) {
                        return;
                    }
                    if (owner != null && !isOwn(owner) && refusedCall(node, owner, (ExecutableElement) element)) {
                        return;
                    }
                }
                case FIELD -> {
                    TypeElement owner = owner(element);
                    if (owner != null && isArray(owner)) {
                        return;  // an array's length
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

        /** Reports a call refused on its own, by name or by owner and name, or for its gradient. */
        private boolean refusedCall(Tree node, TypeElement owner, ExecutableElement method) {
            String ownerName = elements.getBinaryName(owner).toString();
            String name = method.getSimpleName().toString();
            Optional<AllowList.OwnedRefusal> owned = AllowList.refusedMethod(ownerName, name);
            if (owned.isPresent()) {
                report(node, owned.get().rule(), "call of " + simpleName(owner) + "." + name + ": " + owned.get().why());
                return true;
            }
            Optional<PolicyRule> refused = AllowList.refusedMethod(name);
            if (refused.isPresent()) {
                report(node, refused.get(), "call of " + simpleName(owner) + "." + name);
                return true;
            }
            Optional<String> unsafe = ScalarCalls.refusalOf(ownerName.replace('.', '/'), name, descriptor(method));
            if (unsafe.isPresent()) {
                report(node, PolicyRule.UNSAFE_GRADIENT, unsafe.get());
                return true;
            }
            return false;
        }

        /** The JVM descriptor of a method, from its erased parameter and return types. */
        private String descriptor(ExecutableElement method) {
            StringBuilder descriptor = new StringBuilder("(");
            method.getParameters().forEach(parameter -> descriptor.append(descriptor(parameter.asType())));
            return descriptor.append(")").append(descriptor(method.getReturnType())).toString();
        }

        private String descriptor(TypeMirror type) {
            TypeMirror erased = types.erasure(type);
            return switch (erased.getKind()) {
                case BOOLEAN -> "Z";
                case BYTE -> "B";
                case CHAR -> "C";
                case SHORT -> "S";
                case INT -> "I";
                case LONG -> "J";
                case FLOAT -> "F";
                case DOUBLE -> "D";
                case VOID -> "V";
                case ARRAY -> "[" + descriptor(((ArrayType) erased).getComponentType());
                case DECLARED -> "L" + elements.getBinaryName((TypeElement) ((DeclaredType) erased).asElement())
                        .toString().replace('.', '/') + ";";
                default -> "?";
            };
        }

        /** javac's symbol for the members every array has ({@code length}, {@code clone}): no package. */
        private static boolean isArray(TypeElement owner) {
            return owner.getQualifiedName().contentEquals("Array");
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
