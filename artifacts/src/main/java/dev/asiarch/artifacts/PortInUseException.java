package dev.asiarch.artifacts;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** An embedded server's port is taken; the message names the port and the setting that moves it. */
public final class PortInUseException extends RuntimeException {

    public PortInUseException(int port, String setting, String server) {
        super("port " + port + " is already in use, so " + server + " cannot start; free the port or set "
                + setting + " to another port (for example --set " + setting + "=" + (port + 1) + ")");
    }

    /** Returns {@code port} if nothing listens on it locally, else throws this exception. */
    public static int requireFree(int port, String setting, String server) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return port;
        } catch (BindException e) {
            throw new PortInUseException(port, setting, server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot check whether port " + port + " is free: " + e.getMessage(), e);
        }
    }
}
