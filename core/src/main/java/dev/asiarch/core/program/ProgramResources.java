package dev.asiarch.core.program;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads program sources shipped as class-path resources under {@code dev/asiarch/core/program/}. */
final class ProgramResources {

    private ProgramResources() {
    }

    /** The text of {@code /dev/asiarch/core/program/<path>}, or empty when there is no such resource. */
    static Optional<String> read(String path) {
        String resource = "/dev/asiarch/core/program/" + path;
        try (InputStream in = ProgramResources.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read program " + resource, e);
        }
    }
}
