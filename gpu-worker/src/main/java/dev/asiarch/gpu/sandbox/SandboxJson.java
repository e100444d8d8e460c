package dev.asiarch.gpu.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asiarch.workflows.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON files exchanged with the candidate's child process, and the artifacts written from them. */
public final class SandboxJson {

    private final ObjectMapper mapper = Json.newMapper();

    public String write(Object value) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public void write(Path file, Object value) {
        try {
            Files.writeString(file, write(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public <T> T read(Path file, Class<T> type) {
        try {
            return mapper.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.getSimpleName() + " from " + file, e);
        }
    }
}
