package dev.asiarch.gpu.sandbox;

import java.nio.file.Path;

/**
 * A child for the event-channel tests: writes forged message lines and a lot of output to standard
 * output, and well-formed and malformed events to its channel.
 */
public final class EventWriter {

    private EventWriter() {
    }

    public static void main(String[] args) {
        try (EventChannel events = EventChannel.open(Path.of(args[0]))) {
            System.out.println("progress 99 99 0.0");
            System.out.println("checkpoint 999");
            events.send("checkpoint 10");
            events.send("checkpoint not-a-number");
            events.send("x".repeat(EventChannel.MAX_LINE + 10));
            for (int i = 0; i < 20_000; i++) {
                System.out.println("line " + i + " of output nobody asked for");
            }
            events.send("checkpoint 20");
        }
    }
}
