package dev.asiarch.gpu.worker;

import dev.asiarch.gpu.sandbox.RuntimeClassPath;
import java.io.File;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions that decide a screening's numbers, read from the jar names on the class path the
 * candidate's child JVM gets (the same as this process's): DJL, its PyTorch engine and native
 * library, Temporal's SDK, and the Java runtime.
 */
final class LibraryVersions {

    private static final Pattern JAR = Pattern.compile("(api|pytorch-engine|pytorch-jni|pytorch-native-cpu|"
            + "pytorch-native-cu\\d+|temporal-sdk|lucene-core)-(\\d[\\w.\\-]*?)(-linux-x86_64|-osx-\\w+|-win-\\w+)?\\.jar");

    private LibraryVersions() {
    }

    static Map<String, String> current() {
        Map<String, String> versions = new TreeMap<>();
        versions.put("java", System.getProperty("java.runtime.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        Arrays.stream(RuntimeClassPath.current().split(File.pathSeparator))
                .map(entry -> new File(entry).getName())
                .forEach(name -> {
                    Matcher jar = JAR.matcher(name);
                    if (jar.matches()) {
                        versions.put(jar.group(1).equals("api") ? "djl-api" : jar.group(1), jar.group(2));
                    }
                });
        return versions;
    }
}
