package dev.asiarch.app.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code asi-arch.web.*}: who may use the dashboard and the REST API.
 *
 * @param token when set, every request must carry it ({@code Authorization: Bearer <token>}, or once as
 *              {@code ?token=} in the browser, which keeps it in a cookie); required when the server
 *              listens beyond 127.0.0.1
 */
@ConfigurationProperties("asi-arch.web")
public record WebProperties(String token) {

    public WebProperties {
        token = token == null ? "" : token.strip();
    }

    public boolean tokenRequired() {
        return !token.isEmpty();
    }

    @Override
    public String toString() {
        return "WebProperties[token=" + (tokenRequired() ? "(set)" : "(none)") + "]";
    }
}
