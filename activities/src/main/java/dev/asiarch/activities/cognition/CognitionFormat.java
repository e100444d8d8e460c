package dev.asiarch.activities.cognition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a cognition entry from its Markdown file:
 * <pre>
 * # Title
 * source: Authors. Paper title. Venue year.
 * tags: delta-rule, gating
 *
 * ## Design insight
 * ## Trigger patterns
 * ## Background
 * ## Algorithmic innovation
 * ## Implementation guidance
 * </pre>
 * with every section present, in that order, and not empty. A file that breaks the format is refused
 * with the line and what was expected.
 */
public final class CognitionFormat {

    public static final List<String> SECTIONS = List.of("Design insight", "Trigger patterns", "Background",
            "Algorithmic innovation", "Implementation guidance");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

    private CognitionFormat() {
    }

    /** The entry in {@code text}; {@code where} names the file in error messages. */
    public static CognitionEntry parse(String id, String text, String where) {
        if (!ID.matcher(id).matches()) {
            throw new CognitionFormatException(where + ": the file name must be a lowercase id of letters, digits"
                    + " and dashes (e.g. gated-deltanet.md), was '" + id + "'");
        }
        List<String> lines = Arrays.asList(text.replace("\r\n", "\n").split("\n", -1));
        int at = skipBlank(lines, 0);
        String title = expectPrefix(lines, at, "# ", where, "a title line '# <title>'");
        at = skipBlank(lines, at + 1);
        String source = expectPrefix(lines, at, "source:", where, "'source: <authors. title. venue year.>'");
        at = skipBlank(lines, at + 1);
        String tagLine = expectPrefix(lines, at, "tags:", where, "'tags: <comma-separated tags>'");
        List<String> tags = Arrays.stream(tagLine.split(",")).map(tag -> tag.strip().toLowerCase(Locale.ROOT))
                .filter(tag -> !tag.isEmpty()).toList();
        Map<String, String> sections = new LinkedHashMap<>();
        at = skipBlank(lines, at + 1);
        for (String section : SECTIONS) {
            String heading = "## " + section;
            if (at >= lines.size() || !lines.get(at).strip().equalsIgnoreCase(heading)) {
                throw new CognitionFormatException(where + ", line " + (at + 1) + ": expected '" + heading + "'"
                        + found(lines, at) + "; the sections are, in order: " + String.join(", ", SECTIONS));
            }
            List<String> body = new ArrayList<>();
            at++;
            while (at < lines.size() && !lines.get(at).startsWith("## ")) {
                body.add(lines.get(at));
                at++;
            }
            String content = String.join("\n", body).strip();
            if (content.isEmpty()) {
                throw new CognitionFormatException(where + ": the section '" + heading + "' is empty");
            }
            sections.put(section, content);
        }
        if (at < lines.size()) {
            throw new CognitionFormatException(where + ", line " + (at + 1) + ": unexpected '" + lines.get(at).strip()
                    + "' after the last section (" + SECTIONS.get(SECTIONS.size() - 1) + ")");
        }
        return new CognitionEntry(id, title, source, tags, sections.get(SECTIONS.get(0)), sections.get(SECTIONS.get(1)),
                sections.get(SECTIONS.get(2)), sections.get(SECTIONS.get(3)), sections.get(SECTIONS.get(4)), where);
    }

    private static String expectPrefix(List<String> lines, int at, String prefix, String where, String expected) {
        if (at >= lines.size() || !lines.get(at).startsWith(prefix) || lines.get(at).substring(prefix.length()).isBlank()) {
            throw new CognitionFormatException(where + ", line " + (at + 1) + ": expected " + expected
                    + found(lines, at));
        }
        return lines.get(at).substring(prefix.length()).strip();
    }

    private static String found(List<String> lines, int at) {
        return at >= lines.size() ? ", found the end of the file" : ", found '" + abbreviate(lines.get(at).strip()) + "'";
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    private static int skipBlank(List<String> lines, int at) {
        while (at < lines.size() && lines.get(at).isBlank()) {
            at++;
        }
        return at;
    }
}
