package dev.asiarch.gpu.testing;

import dev.asiarch.core.experiment.FailureReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Broken and hostile candidate sources, kept as files under {@code hostile/} with the failure category
 * the harness must give each ({@code hostile/index.txt}); tests feed them through the same path
 * generated code takes.
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

    /** Every entry of the corpus, in the order of its index. */
    public static List<Hostile> corpus() {
        return read("index.txt").lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.trim().split("\\s+"))
                .map(fields -> new Hostile(fields[0], FailureReason.valueOf(fields[1]), source(fields[0])))
                .toList();
    }

    public static String source(String name) {
        return read(name + ".java");
    }

    private static String read(String file) {
        try (InputStream in = Candidates.class.getResourceAsStream("/hostile/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("hostile/" + file + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
