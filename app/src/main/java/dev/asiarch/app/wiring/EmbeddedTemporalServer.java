package dev.asiarch.app.wiring;

import dev.asiarch.artifacts.PortInUseException;
import io.temporal.testserver.TestServer;

/**
 * Temporal's Java test server bound to a local port with real time (no time skipping), so the
 * embedded default has durable-workflow semantics and the Temporal CLI can connect to it. It keeps
 * nothing across restarts; deployments use a real Temporal service.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

    public static final String PORT_SETTING = "asi-arch.temporal.embedded-port";

    private final TestServer.PortBoundTestServer server;
    private final int port;

    public EmbeddedTemporalServer(int port) {
        PortInUseException.requireFree(port, PORT_SETTING, "the embedded Temporal server");
        this.server = TestServer.createPortBoundServer(port, true);
        this.port = port;
    }

    public String target() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.close();
    }
}
