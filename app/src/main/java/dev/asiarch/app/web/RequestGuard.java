package dev.asiarch.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps other web pages in the user's browser from driving the server. Every change (any method but
 * GET, HEAD and OPTIONS, on any path however spelled) must come as JSON, which a cross-site page cannot
 * send without the browser asking first, and this server never allows it; a change that a browser
 * marks as coming from another site or origin is refused outright. A server on 127.0.0.1 answers only
 * requests addressed to a loopback name, so a page that rebinds its own host name to 127.0.0.1 gets
 * nothing.
 */
final class RequestGuard extends OncePerRequestFilter {

    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(\\.\\d{1,3}){3}");

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
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")) {
            if ("cross-site".equals(request.getHeader("Sec-Fetch-Site")) || foreignOrigin(request)) {
                refuse(response, HttpServletResponse.SC_FORBIDDEN, "changes are taken only from this server's own "
                        + "pages and from clients that are not browsers");
                return;
            }
            String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
            if (!type.startsWith("application/json")) {
                refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                        "send the body as JSON (Content-Type: application/json), {} when there is nothing to say");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** A browser names the page a request came from; it must be this server. */
    private static boolean foreignOrigin(HttpServletRequest request) {
        Optional<String> origin = Optional.ofNullable(request.getHeader("Origin")).filter(o -> !o.isBlank());
        if (origin.isEmpty()) {
            return false;
        }
        try {
            URI uri = URI.create(origin.get());
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return uri.getHost() == null || !uri.getHost().equalsIgnoreCase(request.getServerName())
                    || port != request.getServerPort();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static boolean loopbackName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || LOOPBACK_IPV4.matcher(name).matches() || name.equals("[::1]")
                || name.equals("::1");
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
