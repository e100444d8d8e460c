package dev.asiarch.gpu.compile;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.gpu.policy.PolicyViolation;
import dev.asiarch.gpu.policy.SourcePolicy;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one candidate source file with javax.tools, entirely in memory, against the class path of
 * the running process, with the allow-list checked between attribution and code generation.
 * Annotation processing is off, so compiling runs no candidate code.
 */
public final class InMemoryCompiler {

    private static final int MAX_DIAGNOSTICS = 20;

    private final String classPath;

    public InMemoryCompiler(String classPath) {
        this.classPath = classPath;
    }

    /** A compiler against this process's own class path. */
    public static InMemoryCompiler forThisProcess() {
        return new InMemoryCompiler(System.getProperty("java.class.path"));
    }

    /**
     * The bytecode of every class the source declares. The source is parsed and attributed, then
     * checked against the allow-list; only a source that compiles and passes gets bytecode.
     */
    public CompiledMixer compile(String source) throws CompilationException, PolicyViolationException {
        int bytes = source.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MixerSource.MAX_BYTES) {
            throw new CompilationException("the source is " + bytes + " bytes; a candidate may be at most "
                    + MixerSource.MAX_BYTES + " bytes (" + MixerSource.MAX_BYTES / 1024 + " KiB): one mixer class, "
                    + "its weights declared and its mix written, is a few hundred lines");
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this runtime; run the GPU worker on a JDK, not a JRE");
        }
        try {
            return compileChecked(compiler, source);
        } catch (CompilationException | PolicyViolationException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new CompilationException("the compiler ran out of stack on this source: an expression or a "
                    + "statement is nested far too deeply; write it as a loop or split it into methods");
        } catch (RuntimeException | Error e) {
            // javac's own failures on strange input are the source's problem, not this process's.
            throw new CompilationException("the compiler could not process this source: " + e);
        }
    }

    private CompiledMixer compileChecked(JavaCompiler compiler, String source)
            throws CompilationException, PolicyViolationException {
        String className = MixerSource.className(source).orElseThrow(() -> new CompilationException(
                "no public class extending TokenMixer was found; declare 'public final class Name extends TokenMixer'"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8);
        try (JavaFileManager files = new CapturingFileManager(standard, classes)) {
            JavaFileObject unit = new SourceFile(className, source);
            List<String> options = List.of("-classpath", classPath, "-proc:none", "-g", "-Xlint:none",
                    "--release", "17");
            JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostics, options, null, List.of(unit));
            Iterable<? extends CompilationUnitTree> units = task.parse();
            task.analyze();
            if (hasErrors(diagnostics)) {
                throw new CompilationException(describe(diagnostics));
            }
            List<PolicyViolation> violations = SourcePolicy.check(task, units);
            if (!violations.isEmpty()) {
                throw new PolicyViolationException(violations);
            }
            task.generate();
            if (hasErrors(diagnostics)) {
                throw new CompilationException(describe(diagnostics));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("compiler file manager failed", e);
        }
        Map<String, byte[]> bytecode = classes.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toByteArray()));
        return new CompiledMixer(className, bytecode);
    }

    private static boolean hasErrors(DiagnosticCollector<JavaFileObject> diagnostics) {
        return diagnostics.getDiagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    }

    private static String describe(DiagnosticCollector<JavaFileObject> diagnostics) {
        String text = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .limit(MAX_DIAGNOSTICS)
                .map(d -> "line " + d.getLineNumber() + ", column " + d.getColumnNumber() + ": "
                        + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
        return text.isEmpty() ? "compilation failed without diagnostics" : text;
    }

    private static final class SourceFile extends SimpleJavaFileObject {
        private final String source;

        SourceFile(String className, String source) {
            super(URI.create("string:///" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }

    private static final class CapturingFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> classes;

        CapturingFileManager(StandardJavaFileManager delegate, Map<String, ByteArrayOutputStream> classes) {
            super(delegate);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    classes.put(className, out);
                    return out;
                }
            };
        }
    }
}
