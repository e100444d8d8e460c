package dev.asiarch.activities.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The agents' prompts, kept as resources under {@code dev/asiarch/activities/prompts/}. A system
 * prompt may include the shared description of the mixer contract and allow-list as
 * {@code {{contract}}}.
 */
public final class Prompts {

    private Prompts() {
    }

    /** A role's system prompt with the shared contract filled in. */
    public static String system(String name) {
        return load(name).replace("{{contract}}", load("contract.md").strip());
    }

    public static String load(String name) {
        String path = "/dev/asiarch/activities/prompts/" + name;
        try (InputStream in = Prompts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("prompt " + path + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
