package dev.asiarch.activities.similarity;

import dev.asiarch.activities.llm.ChatAnswer;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.core.experiment.LlmCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cosine similarity over embeddings from the embedder role's endpoint. Vectors are kept per text, so
 * an item is embedded once per process; each search embeds only the query and texts not seen before,
 * in batches, and returns those calls priced.
 */
public final class EmbeddingSearch implements SimilaritySearch {

    static final int BATCH = 128;
    private static final int CACHED_TEXTS = 20_000;

    private final LlmClient client;
    private final PriceTable prices;
    private final double minCosine;
    private final Map<String, float[]> vectors = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHED_TEXTS;
        }
    };

    /** @param minCosine the least cosine a match must reach (ASI-Arch retrieves cognition above 0.5) */
    public EmbeddingSearch(LlmClient client, PriceTable prices, double minCosine) {
        if (!(minCosine >= -1 && minCosine <= 1)) {
            throw new IllegalArgumentException("a cosine threshold lies in [-1, 1], was " + minCosine);
        }
        this.client = client;
        this.prices = prices;
        this.minCosine = minCosine;
    }

    @Override
    public Result mostSimilar(List<Item> items, String query, int limit) {
        if (items.isEmpty() || limit < 1) {
            return new Result(List.of(), List.of());
        }
        List<LlmCall> calls = new ArrayList<>();
        List<String> texts = new ArrayList<>(items.stream().map(Item::text).toList());
        texts.add(query);
        Map<String, float[]> known = vectorsOf(texts, calls);
        float[] target = known.get(query);
        List<Match> matches = new ArrayList<>();
        for (Item item : items) {
            double cosine = cosine(target, known.get(item.text()));
            if (cosine >= minCosine) {
                matches.add(new Match(item.id(), cosine));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed());
        return new Result(matches.subList(0, Math.min(limit, matches.size())), calls);
    }

    @Override
    public String method() {
        return "embeddings (" + client.role().model() + ", cosine >= " + minCosine + ")";
    }

    /** The vector of every text, from the cache or embedded now (adding the calls that cost). */
    private Map<String, float[]> vectorsOf(List<String> texts, List<LlmCall> calls) {
        Map<String, float[]> known = new HashMap<>();
        Set<String> unseen = new LinkedHashSet<>();
        synchronized (vectors) {
            for (String text : texts) {
                float[] vector = vectors.get(text);
                if (vector != null) {
                    known.put(text, vector);
                } else {
                    unseen.add(text);
                }
            }
        }
        List<String> missing = List.copyOf(unseen);
        for (int start = 0; start < missing.size(); start += BATCH) {
            List<String> batch = missing.subList(start, Math.min(missing.size(), start + BATCH));
            LlmClient.Embeddings embeddings = client.embed(batch);
            calls.add(prices.price(client.role().role(), client.role().model(),
                    new ChatAnswer("(" + batch.size() + " embeddings)", embeddings.model(), embeddings.promptTokens(), 0)));
            synchronized (vectors) {
                for (int i = 0; i < batch.size(); i++) {
                    vectors.put(batch.get(i), embeddings.vectors().get(i));
                    known.put(batch.get(i), embeddings.vectors().get(i));
                }
            }
        }
        return known;
    }

    static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalStateException("embeddings of different lengths (" + a.length + " and " + b.length
                    + "): did the embedder's model change?");
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }
}
