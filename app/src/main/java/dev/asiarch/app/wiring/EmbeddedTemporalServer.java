package dev.asiarch.app.wiring;

import dev.asiarch.artifacts.PortInUseException;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server bound to a local port with real time (no time skipping), so the
 * embedded default has durable-workflow semantics and the Temporal CLI can connect to it. It keeps
 * nothing across restarts; deployments use a real Temporal service.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

    public static final String PORT_SETTING = "asi-arch.temporal.embedded-port";

    /**
     * The standard clients ping every 10 s (grpc-java's floor) to 30 s (the Go and TypeScript SDKs), with
     * calls in flight or none. gRPC's server default permits one every 5 minutes (2 hours without calls)
     * and drops the connection at the third too early ("too_many_pings"); a ping a second leaves those
     * clients a wide margin against timer jitter and costs a local server nothing.
     */
    static final Duration PERMITTED_PING_INTERVAL = Duration.ofSeconds(1);

    private final TestServicesStarter services;
    private final Server server;
    private final int port;

    public EmbeddedTemporalServer(int port) {
        PortInUseException.requireFree(port, PORT_SETTING, "the embedded Temporal server");
        // TestServer.createPortBoundServer builds the same server with gRPC's keepalive defaults and takes no
        // server builder (temporal-test-server 1.38.0), so this assembles it from the same parts.
        this.services = new TestServicesStarter(true, 0); // true: time is not skipped; 0: starts now
        NettyServerBuilder builder = NettyServerBuilder.forPort(port)
                .permitKeepAliveTime(PERMITTED_PING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true);
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            this.server = builder.build().start();
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("the embedded Temporal server cannot listen on port " + port
                    + "; set " + PORT_SETTING + " to a free port", e);
        }
        this.port = port;
    }

    public String target() {
        return "127.0.0.1:" + port;
    }

    /** Stops taking calls, gives those in flight five seconds, then stops the services under them. */
    @Override
    public void close() {
        server.shutdown();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            services.close();
            server.shutdownNow();
        }
    }
}
