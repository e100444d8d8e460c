package dev.asiarch.app.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Who may reach the dashboard and the API. The server binds to 127.0.0.1 unless {@code server.address}
 * says otherwise, and it refuses to listen anywhere else without a token; other web pages in the
 * browser cannot drive it ({@link RequestGuard}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebAccessConfiguration {

    @Bean
    FilterRegistrationBean<TokenFilter> tokenFilter(WebProperties web, Environment environment) {
        String address = environment.getProperty("server.address", "");
        if (!web.tokenRequired() && !loopback(address)) {
            throw new IllegalArgumentException("server.address is '" + (address.isEmpty() ? "(every interface)" : address)
                    + "', so the dashboard and API would answer other machines without a token; set asi-arch.web.token "
                    + "(or the ASI_ARCH_TOKEN environment variable), or listen on 127.0.0.1");
        }
        FilterRegistrationBean<TokenFilter> registration = new FilterRegistrationBean<>(new TokenFilter(web.token()));
        registration.addUrlPatterns("/*");
        registration.setEnabled(web.tokenRequired());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Before the token check, so a refused request says why whatever the token. */
    @Bean
    FilterRegistrationBean<RequestGuard> requestGuard(Environment environment) {
        FilterRegistrationBean<RequestGuard> registration = new FilterRegistrationBean<>(
                new RequestGuard(loopback(environment.getProperty("server.address", ""))));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private static boolean loopback(String address) {
        if (address.isEmpty()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("server.address '" + address + "' is not a known host or address");
        }
    }
}
