package dev.asiarch.activities.similarity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Lucene's BM25 over an in-memory index built per search: English stop words removed, any shared term
 * counts. Items that share no term with the query are never returned.
 */
public final class Bm25Search implements SimilaritySearch {

    private static final String FIELD = "text";

    @Override
    public Result mostSimilar(List<Item> items, String query, int limit) {
        if (items.isEmpty() || limit < 1) {
            return new Result(List.of(), List.of());
        }
        try (Analyzer analyzer = new StandardAnalyzer(); ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (Item item : items) {
                    Document document = new Document();
                    document.add(new StoredField("id", item.id()));
                    document.add(new TextField(FIELD, item.text(), Field.Store.NO));
                    writer.addDocument(document);
                }
            }
            BooleanQuery.Builder terms = new BooleanQuery.Builder();
            for (String term : terms(analyzer, query)) {
                terms.add(new TermQuery(new Term(FIELD, term)), BooleanClause.Occur.SHOULD);
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                List<Match> matches = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(terms.build(), limit).scoreDocs) {
                    matches.add(new Match(searcher.storedFields().document(hit.doc).get("id"), hit.score));
                }
                return new Result(matches, List.of());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the in-memory BM25 index failed", e);
        }
    }

    @Override
    public String method() {
        return "BM25";
    }

    private static List<String> terms(Analyzer analyzer, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < BooleanQuery.getMaxClauseCount()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }
}
