package dev.asiarch.gpu.testing;

import dev.asiarch.core.experiment.FailureReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Broken and hostile candidate sources, kept as files under {@code hostile/} with the failure category
 * the harness must give each ({@code hostile/index.txt}), and legitimate ones written the way models
 * write Java (records, enums and their switches, assert, arrays, lambdas, nested classes, text blocks,
 * scaling by literals) that must pass and train ({@code legitimate/index.txt}); tests feed them through
 * the same path generated code takes.
 */
public final class Candidates {

    /** Output t is a projection of input t+1: reads the next token. */
    public static final String PEEKS_AT_NEXT_TOKEN = source("PeeksAtNextToken");

    /** Calls a method that does not exist. */
    public static final String DOES_NOT_COMPILE = source("DoesNotCompile");

    /** Returns half the channels. */
    public static final String HALVES_WIDTH = source("ChangesTheWidth");

    /** One corpus entry: its file name, the category it must end in, and its source. */
    public record Hostile(String name, FailureReason expected, String source) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Candidates() {
    }

    /** A legitimate program: its file name and its source. */
    public record Legitimate(String name, String source) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every entry of the hostile corpus, in the order of its index. */
    public static List<Hostile> corpus() {
        return lines("hostile/index.txt")
                .map(line -> line.trim().split("\\s+"))
                .map(fields -> new Hostile(fields[0], FailureReason.valueOf(fields[1]), source(fields[0])))
                .toList();
    }

    /** Every legitimate program, in the order of its index. */
    public static List<Legitimate> legitimate() {
        return lines("legitimate/index.txt")
                .map(String::trim)
                .map(name -> new Legitimate(name, resource("legitimate/" + name + ".java")))
                .toList();
    }

    public static String source(String name) {
        return padded(resource("hostile/" + name + ".java"));
    }

    /** A source with a line {@code // @pad-to N}, that line repeated until the source is N bytes long. */
    private static String padded(String source) {
        java.util.regex.Matcher pad = java.util.regex.Pattern.compile("(?m)^.*// @pad-to (\\d+).*$\n").matcher(source);
        if (!pad.find()) {
            return source;
        }
        int target = Integer.parseInt(pad.group(1));
        StringBuilder padding = new StringBuilder();
        while (source.length() + padding.length() < target) {
            padding.append(pad.group());
        }
        return source.substring(0, pad.start()) + padding + source.substring(pad.end());
    }

    private static java.util.stream.Stream<String> lines(String index) {
        return resource(index).lines().filter(line -> !line.isBlank() && !line.startsWith("#"));
    }

    /** A test resource by its path, such as {@code legitimate/EnumSwitchMixer.java}. */
    public static String resource(String file) {
        try (InputStream in = Candidates.class.getResourceAsStream("/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException(file + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
