package dev.asiarch.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request through only with the configured token: as a bearer token (scripts, the CLI), or in
 * the browser once as {@code ?token=}, after which a cookie carries it.
 */
final class TokenFilter extends OncePerRequestFilter {

    static final String COOKIE = "asi_arch_token";

    private final byte[] token;

    TokenFilter(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The browser's way in: once, on a page (never an API call, whose address ends up in logs and history).
        boolean page = "GET".equals(request.getMethod()) && !request.getRequestURI().startsWith("/api");
        Optional<String> query = page ? Optional.ofNullable(request.getParameter("token")) : Optional.empty();
        if (matches(query)) {
            Cookie cookie = new Cookie(COOKIE, query.get());
            cookie.setHttpOnly(true);
            cookie.setPath("/");
            cookie.setAttribute("SameSite", "Strict");
            response.addCookie(cookie);
            // Take the token out of the address bar and the history; always a path on this server.
            response.sendRedirect("/" + request.getRequestURI().replaceFirst("^/+", ""));
        } else if (matches(bearer(request)) || matches(cookie(request))) {
            chain.doFilter(request, response);
        } else {
            refuse(request, response);
        }
    }

    private boolean matches(Optional<String> offered) {
        return offered.map(value -> MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), token)).orElse(false);
    }

    private static Optional<String> bearer(HttpServletRequest request) {
        return Optional.ofNullable(request.getHeader("Authorization"))
                .filter(header -> header.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(header -> header.substring(7).strip());
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        return request.getCookies() == null ? Optional.empty()
                : Arrays.stream(request.getCookies()).filter(c -> COOKIE.equals(c.getName())).map(Cookie::getValue)
                        .findFirst();
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setCharacterEncoding("UTF-8");
        if (request.getRequestURI().startsWith("/api/")) {
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"this server needs its access token: send 'Authorization: Bearer "
                    + "<token>' (the CLI: --token or ASI_ARCH_TOKEN)\"}");
        } else {
            response.setContentType("text/html");
            response.getWriter().write("<!doctype html><title>ASI-Arch: token needed</title><p>This dashboard needs "
                    + "its access token. Open it as <code>/?token=&lt;token&gt;</code>, with the token the server was "
                    + "started with (<code>asi-arch.web.token</code> or <code>ASI_ARCH_TOKEN</code>).</p>");
        }
    }
}
