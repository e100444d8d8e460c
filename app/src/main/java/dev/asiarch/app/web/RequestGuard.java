package dev.asiarch.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps other web pages in the user's browser from driving the API. Changes must come as JSON, which
 * a cross-site page cannot send without the browser asking first (and this server never allows it);
 * and a server on 127.0.0.1 answers only requests addressed to a loopback name, so a page that
 * rebinds its own host name to 127.0.0.1 gets nothing.
 */
final class RequestGuard extends OncePerRequestFilter {

    private final boolean loopbackOnly;

    RequestGuard(boolean loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (loopbackOnly && !loopbackName(request.getServerName())) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "this server answers only requests addressed to "
                    + "127.0.0.1 or localhost, not '" + request.getServerName() + "'");
            return;
        }
        boolean changes = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
                && !"OPTIONS".equals(request.getMethod());
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (changes && request.getRequestURI().startsWith("/api/") && !type.startsWith("application/json")) {
            refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "send the body as JSON (Content-Type: application/json), {} when there is nothing to say");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean loopbackName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]") || name.equals("::1");
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
