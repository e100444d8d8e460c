package dev.asiarch.activities.cognition;

import dev.asiarch.activities.similarity.SimilaritySearch;
import dev.asiarch.core.experiment.CognitionHit;
import dev.asiarch.core.experiment.LlmCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The literature the Analyst draws on: entries shipped with the system plus the user's own Markdown
 * files from a folder (an entry whose id matches a shipped one replaces it). An analysis's results
 * section is the query; the closest entries by their trigger patterns come back, at most
 * {@value #RETRIEVED}.
 */
public final class CognitionBase {

    /** How many entries one analysis retrieves, as in ASI-Arch. */
    public static final int RETRIEVED = 3;

    static final String SHIPPED = "dev/asiarch/activities/cognition/";

    /** Entries retrieved for a query, best first, and the model calls the retrieval cost. */
    public record Retrieval(List<CognitionHit> hits, List<LlmCall> calls) {
        public Retrieval {
            hits = List.copyOf(hits);
            calls = List.copyOf(calls);
        }
    }

    private final Map<String, CognitionEntry> entries;
    /** Every entry's trigger patterns, by id, in id order: what a retrieval searches. */
    private final List<SimilaritySearch.Item> triggers;
    private final SimilaritySearch search;

    public CognitionBase(Collection<CognitionEntry> entries, SimilaritySearch search) {
        Map<String, CognitionEntry> byId = new LinkedHashMap<>();
        entries.forEach(entry -> byId.put(entry.id(), entry));
        this.entries = Map.copyOf(byId);
        this.triggers = byId.values().stream()
                .sorted(Comparator.comparing(CognitionEntry::id))
                .map(entry -> new SimilaritySearch.Item(entry.id(), entry.triggerPatterns()))
                .toList();
        this.search = search;
    }

    /** The shipped entries, then those in {@code userFolder} (which may be absent). */
    public static CognitionBase load(Optional<Path> userFolder, SimilaritySearch search) {
        List<CognitionEntry> all = new ArrayList<>(shipped());
        userFolder.ifPresent(folder -> all.addAll(fromFolder(folder)));
        return new CognitionBase(all, search);
    }

    /** The entries that come with the system, as listed in the resource folder's {@code index.txt}. */
    public static List<CognitionEntry> shipped() {
        List<CognitionEntry> shipped = new ArrayList<>();
        for (String id : resource("index.txt").lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()) {
            shipped.add(CognitionFormat.parse(id, resource(id + ".md"), "shipped " + id + ".md"));
        }
        return shipped;
    }

    /** Every {@code *.md} file in {@code folder}, by name; none when the folder does not exist. */
    public static List<CognitionEntry> fromFolder(Path folder) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("the cognition folder " + folder + " is not a directory");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<CognitionEntry> entries = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().toList()) {
                String name = file.getFileName().toString();
                entries.add(CognitionFormat.parse(name.substring(0, name.length() - 3), Files.readString(file),
                        file.toString()));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cognition folder " + folder, e);
        }
    }

    public int size() {
        return entries.size();
    }

    public Optional<CognitionEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    public String method() {
        return search.method();
    }

    /** The entries whose trigger patterns are closest to {@code query}. */
    public Retrieval retrieve(String query) {
        SimilaritySearch.Result result = search.mostSimilar(triggers, query, RETRIEVED);
        return new Retrieval(result.matches().stream()
                .map(match -> new CognitionHit(match.id(), entries.get(match.id()).title(), match.score()))
                .toList(), result.calls());
    }

    private static String resource(String name) {
        try (InputStream in = CognitionBase.class.getClassLoader().getResourceAsStream(SHIPPED + name)) {
            if (in == null) {
                throw new IllegalStateException("the shipped cognition resource " + SHIPPED + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SHIPPED + name, e);
        }
    }
}
