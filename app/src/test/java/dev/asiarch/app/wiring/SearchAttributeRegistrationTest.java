package dev.asiarch.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The experiment search attributes are registered with the embedded server, idempotently. */
class SearchAttributeRegistrationTest {

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void registersOnceAndFindsThemTheSecondTime() throws Exception {
        try (EmbeddedTemporalServer server = new EmbeddedTemporalServer(freePort())) {
            SearchAttributeRegistration first = SearchAttributeRegistration.register(server.target(), "default");
            SearchAttributeRegistration second = SearchAttributeRegistration.register(server.target(), "default");

            assertThat(first.enabled()).as(first.reason()).isTrue();
            assertThat(second.enabled()).as(second.reason()).isTrue();
        }
    }

    @Test
    void aServerThatCannotBeReachedTurnsThemOffWithTheReason() throws Exception {
        SearchAttributeRegistration registration = SearchAttributeRegistration.register("127.0.0.1:" + freePort(),
                "default");

        assertThat(registration.enabled()).isFalse();
        assertThat(registration.reason()).startsWith("the server refused to register them: UNAVAILABLE");
    }
}
