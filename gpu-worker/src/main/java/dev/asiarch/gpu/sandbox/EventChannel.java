package dev.asiarch.gpu.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The child process's messages to its parent (progress, checkpoints), one line each, appended to a
 * file in its working folder that the parent reads as it grows ({@link ChildJvm}). Standard output
 * is not used for them: the engine and the JVM write there too, with text candidate code can choose
 * (exception messages, array names), and a forged line must not pass for a message. Candidate code
 * cannot write files.
 */
public final class EventChannel implements AutoCloseable {

    public static final String FILE = "events.log";
    /** Longest line the parent reads as an event; longer ones are skipped as malformed. */
    static final int MAX_LINE = 512;

    private final Writer out;

    private EventChannel(Writer out) {
        this.out = out;
    }

    /** The channel of the child running in {@code workDir}. */
    public static EventChannel open(Path workDir) {
        try {
            OutputStream stream = Files.newOutputStream(workDir.resolve(FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return new EventChannel(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event channel in " + workDir, e);
        }
    }

    /** Sends one event; it reaches the parent within its next poll. */
    public synchronized void send(String event) {
        if (event.indexOf('\n') >= 0 || event.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an event is one line: " + event);
        }
        try {
            out.write(event);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send event " + event, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the event channel", e);
        }
    }
}
