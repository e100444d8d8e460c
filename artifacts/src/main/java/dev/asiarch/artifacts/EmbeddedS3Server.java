package dev.asiarch.artifacts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * An S3-compatible server on 127.0.0.1 that keeps objects as files in a local folder, so the embedded
 * default needs no MinIO. Credentials are fresh random values for each start.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    private final S3Proxy proxy;
    private final S3Settings settings;

    private EmbeddedS3Server(S3Proxy proxy, S3Settings settings) {
        this.proxy = proxy;
        this.settings = settings;
    }

    /**
     * Starts serving {@code folder} on {@code port} (0 picks a free one).
     *
     * @param portSetting the configuration property that sets the port, named in the error when it is taken
     */
    public static EmbeddedS3Server start(Path folder, int port, String bucket, String portSetting) {
        return start(folder, port, bucket, portSetting, "", "");
    }

    /**
     * As {@link #start(Path, int, String, String)}, with fixed credentials when both are given, so that
     * workers in other processes can be told them; otherwise each start makes its own.
     */
    public static EmbeddedS3Server start(Path folder, int port, String bucket, String portSetting, String accessKey,
                                         String secretKey) {
        int chosen = port == 0 ? freePort() : PortInUseException.requireFree(port, portSetting, "the embedded S3 server");
        try {
            Files.createDirectories(folder);
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", folder.toAbsolutePath().toString());
            boolean fixed = !accessKey.isBlank() && !secretKey.isBlank();
            String identity = fixed ? accessKey : "asi-arch-" + randomHex(4);
            String credential = fixed ? secretKey : randomHex(20);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("filesystem", properties))
                    .endpoint(URI.create("http://127.0.0.1:" + chosen))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, identity, credential)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("embedded S3 server did not start within 10 s: " + proxy.getState());
                }
                Thread.sleep(20);
            }
            return new EmbeddedS3Server(proxy,
                    new S3Settings("http://127.0.0.1:" + proxy.getPort(), identity, credential, bucket, "us-east-1"));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the embedded S3 server on port " + chosen + ": " + e, e);
        }
    }

    public S3Settings settings() {
        return settings;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the embedded S3 server", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free local port for the embedded S3 server", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
