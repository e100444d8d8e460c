package dev.asiarch.core.program;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts read off a mixer's source text without compiling it. */
public final class MixerSource {

    private static final Pattern MIXER_CLASS = Pattern.compile(
            "public\\s+(?:final\\s+)?class\\s+([A-Za-z_$][A-Za-z0-9_$]*)\\s+extends\\s+TokenMixer\\b");

    private MixerSource() {
    }

    /** The public top-level class that extends {@code TokenMixer}, if the source declares one. */
    public static Optional<String> className(String source) {
        Matcher matcher = MIXER_CLASS.matcher(source);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
