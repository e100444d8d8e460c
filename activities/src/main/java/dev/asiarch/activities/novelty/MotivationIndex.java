package dev.asiarch.activities.novelty;

import dev.asiarch.core.experiment.ExperimentRecord;
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
 * Past motivations of a campaign, searchable by BM25 (Lucene's default similarity): the ones most
 * like a new motivation, for the novelty check to compare against.
 */
final class MotivationIndex {

    /** A past experiment and how close its motivation is to the query. */
    record Match(String experimentId, String name, String motivation, float score) {
    }

    private MotivationIndex() {
    }

    static List<Match> mostSimilar(List<ExperimentRecord> past, String motivation, int limit) {
        if (past.isEmpty()) {
            return List.of();
        }
        try (Analyzer analyzer = new StandardAnalyzer(); ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (ExperimentRecord record : past) {
                    Document document = new Document();
                    document.add(new StoredField("id", record.experimentId()));
                    document.add(new StoredField("name", record.name()));
                    document.add(new TextField("motivation", record.motivation(), Field.Store.YES));
                    writer.addDocument(document);
                }
            }
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            for (String term : terms(analyzer, motivation)) {
                query.add(new TermQuery(new Term("motivation", term)), BooleanClause.Occur.SHOULD);
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                List<Match> matches = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
                    Document document = searcher.storedFields().document(hit.doc);
                    matches.add(new Match(document.get("id"), document.get("name"), document.get("motivation"),
                            hit.score));
                }
                return matches;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory motivation index failed", e);
        }
    }

    private static List<String> terms(Analyzer analyzer, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("motivation", text)) {
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
