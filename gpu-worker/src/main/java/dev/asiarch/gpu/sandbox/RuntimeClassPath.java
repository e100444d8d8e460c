package dev.asiarch.gpu.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path of this process with every jar manifest's {@code Class-Path} expanded, so a child
 * JVM and the in-memory compiler see exactly the classes the worker sees, whether it was started from
 * a launcher jar, by Maven or by an IDE.
 */
public final class RuntimeClassPath {

    private RuntimeClassPath() {
    }

    public static String current() {
        Set<Path> entries = new LinkedHashSet<>();
        Deque<Path> pending = new ArrayDeque<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                pending.add(Paths.get(entry).toAbsolutePath().normalize());
            }
        }
        while (!pending.isEmpty()) {
            Path entry = pending.poll();
            if (!entries.add(entry) || !entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
                continue;
            }
            pending.addAll(manifestClassPath(entry));
        }
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private static Set<Path> manifestClassPath(Path jar) {
        Set<Path> referenced = new LinkedHashSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return referenced;
            }
            URI base = jar.getParent().toUri();
            for (String relative : classPath.trim().split("\\s+")) {
                URI resolved = relative.startsWith("file:") ? URI.create(relative) : base.resolve(relative);
                referenced.add(Paths.get(resolved).toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
        return referenced;
    }
}
