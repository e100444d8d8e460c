package dev.asiarch.workflows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

/**
 * The project's one JSON configuration: the REST API and the command line (the application's
 * {@code ObjectMapper} bean), the files exchanged with a candidate's child JVM, and the agents' reading
 * of model answers. It is Spring Boot's default configuration written out, so the API answers as it did
 * under Boot's own mapper: {@code Optional} and {@code java.time} types, unknown fields ignored, dates and
 * durations as ISO-8601 text.
 *
 * <p>Temporal's payload converter keeps its own mapper ({@code JacksonJsonPayloadConverter}'s default) on
 * purpose: that one reads and writes every field, private ones included, where this one goes through
 * properties, so the same value could come out as other bytes, and the histories of running campaigns
 * must replay as they were written.
 */
public final class Json {

    private Json() {
    }

    /** A new mapper in the project's configuration; it is safe to share once built, and nobody reconfigures it. */
    public static JsonMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(new ParameterNamesModule())
                .disable(MapperFeature.DEFAULT_VIEW_INCLUSION)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build();
    }
}
