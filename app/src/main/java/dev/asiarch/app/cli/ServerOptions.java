package dev.asiarch.app.cli;

import picocli.CommandLine.Option;

/** How a client command reaches a running {@code asi-arch serve}: its address, its token, and JSON output. */
final class ServerOptions {

    @Option(names = "--server", defaultValue = "${env:ASI_ARCH_SERVER:-http://127.0.0.1:8080}", paramLabel = "URL",
            description = "the asi-arch server (default: $ASI_ARCH_SERVER or http://127.0.0.1:8080)")
    String server;

    @Option(names = "--token", defaultValue = "${env:ASI_ARCH_TOKEN}", paramLabel = "TOKEN",
            description = "the server's access token, when it has one (default: $ASI_ARCH_TOKEN)")
    String token;

    @Option(names = "--json", description = "print the server's answer as JSON, for scripts")
    boolean json;
}
