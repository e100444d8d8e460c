package dev.asiarch.core.program;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts read off a mixer's source text without compiling it. */
public final class MixerSource {

    private static final Pattern MIXER_CLASS = Pattern.compile(
            "public\\s+(?:final\\s+)?class\\s+([A-Za-z_$][A-Za-z0-9_$]*)\\s+extends\\s+TokenMixer\\b");

    /**
     * The most a candidate's source may weigh, in UTF-8 bytes: a mixer is a few hundred lines, and a
     * megabyte of source would only cost compile time, payload space and context.
     */
    public static final int MAX_BYTES = 256 * 1024;

    private MixerSource() {
    }

    /** SHA-256 of the source's UTF-8 bytes, hex: how records and manifests name a program exactly. */
    public static String sha256(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The public top-level class that extends {@code TokenMixer}, if the source declares one. */
    public static Optional<String> className(String source) {
        Matcher matcher = MIXER_CLASS.matcher(source);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
