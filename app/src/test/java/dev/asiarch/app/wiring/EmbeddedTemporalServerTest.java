package dev.asiarch.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The embedded server as the standard Temporal clients meet it: they keep their connection alive with
 * HTTP/2 pings, with calls in flight or none. gRPC's default server policy answers a third ping within
 * five minutes (two hours without calls) with GOAWAY "too_many_pings" and drops the connection.
 */
class EmbeddedTemporalServerTest {

    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int SETTINGS = 0x4;
    private static final int PING = 0x6;
    private static final int GOAWAY = 0x7;
    private static final int ACK = 0x1;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;

    /**
     * The pace this client pings at: half as long again as the embedded server permits (the standard
     * clients wait 10 s or more), and far inside the two hours gRPC's default policy wants between pings
     * without calls.
     */
    private static final Duration PING_INTERVAL =
            EmbeddedTemporalServer.PERMITTED_PING_INTERVAL.multipliedBy(3).dividedBy(2);

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void keepsAConnectionThatPingsWithoutCallsInFlightAndStillAnswersOnIt() throws Exception {
        int port = freePort();
        try (EmbeddedTemporalServer server = new EmbeddedTemporalServer(port);
             Http2Connection connection = new Http2Connection(port)) {
            // Pings at the client's pace, with no call in flight: the default policy sends GOAWAY at the third.
            for (long ping = 1; ping <= 4; ping++) {
                Thread.sleep(PING_INTERVAL.toMillis()); // the pace under test, not a wait for something
                connection.ping(ping);
            }

            assertThat(connection.healthCheck()).as("a gRPC health check answered SERVING on the same connection")
                    .containsExactly(0, 0, 0, 0, 2, 0x08, 0x01);
        }
    }

    /**
     * A client connection spoken frame by frame (RFC 9113), because a gRPC client hides what the test must see:
     * it pings no more often than every ten seconds, and after a GOAWAY it quietly reconnects.
     */
    private static final class Http2Connection implements AutoCloseable {

        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;

        Http2Connection(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new DataInputStream(socket.getInputStream());
            out = new DataOutputStream(socket.getOutputStream());
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            write(SETTINGS, 0, 0, new byte[0]);
        }

        /** Sends a ping and reads until the server acknowledges it; a GOAWAY fails the test with its reason. */
        void ping(long payload) throws IOException {
            byte[] data = longBytes(payload);
            write(PING, 0, 0, data);
            while (true) {
                Frame frame = read();
                if (frame.type == PING && (frame.flags & ACK) != 0 && Arrays.equals(frame.payload, data)) {
                    return;
                }
            }
        }

        /** Calls {@code grpc.health.v1.Health/Check} for the server as a whole; the response's message bytes. */
        int[] healthCheck() throws IOException {
            write(HEADERS, END_HEADERS, 1, headers(
                    ":method", "POST", ":scheme", "http", ":path", "/grpc.health.v1.Health/Check",
                    ":authority", "127.0.0.1", "content-type", "application/grpc", "te", "trailers"));
            // One uncompressed, empty HealthCheckRequest: a 0 flag and a length of 0.
            write(DATA, END_STREAM, 1, new byte[5]);
            while (true) {
                Frame frame = read();
                if (frame.type == DATA && frame.stream == 1) {
                    int[] message = new int[frame.payload.length];
                    for (int i = 0; i < message.length; i++) {
                        message[i] = frame.payload[i] & 0xff;
                    }
                    return message;
                }
            }
        }

        /** The next frame; acknowledges the server's settings on the way, fails on a GOAWAY. */
        private Frame read() throws IOException {
            int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            byte[] payload = in.readNBytes(length);
            if (type == GOAWAY) {
                int error = (payload[4] & 0xff) << 24 | (payload[5] & 0xff) << 16 | (payload[6] & 0xff) << 8
                        | payload[7] & 0xff;
                throw new AssertionError("the server sent GOAWAY, error code " + error + ": "
                        + new String(payload, 8, payload.length - 8, StandardCharsets.US_ASCII));
            }
            if (type == SETTINGS && (flags & ACK) == 0) {
                write(SETTINGS, ACK, 0, new byte[0]);
            }
            return new Frame(type, flags, stream, payload);
        }

        private void write(int type, int flags, int stream, byte[] payload) throws IOException {
            try {
                out.write(payload.length >>> 16);
                out.write(payload.length >>> 8);
                out.write(payload.length);
                out.write(type);
                out.write(flags);
                out.writeInt(stream);
                out.write(payload);
                out.flush();
            } catch (IOException closed) {
                // A server that sent GOAWAY closes the connection: its reason is still waiting to be read.
                while (true) {
                    read();
                }
            }
        }

        /** Header fields as HPACK literals without indexing or Huffman coding: the simplest a server must read. */
        private static byte[] headers(String... namesAndValues) {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                block.write(0x00);
                literal(block, namesAndValues[i]);
                literal(block, namesAndValues[i + 1]);
            }
            return block.toByteArray();
        }

        private static void literal(ByteArrayOutputStream block, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            block.write(bytes.length);
            block.writeBytes(bytes);
        }

        private static byte[] longBytes(long value) {
            byte[] bytes = new byte[8];
            for (int i = 7; i >= 0; i--) {
                bytes[i] = (byte) value;
                value >>>= 8;
            }
            return bytes;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        private record Frame(int type, int flags, int stream, byte[] payload) {
        }
    }
}
