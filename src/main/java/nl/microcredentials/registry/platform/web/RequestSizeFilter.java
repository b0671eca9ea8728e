package nl.microcredentials.registry.platform.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses API request bodies above {@code registry.api.max-body-bytes} (default 1 MiB) with 413 problem+json before
 * anything reads them: no registry document comes near that size, and a huge body is an attack on memory.
 */
public class RequestSizeFilter extends HttpFilter {

    @Inject
    @ConfigProperty(name = "registry.api.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        long length = request.getContentLengthLong();
        if (length > maxBodyBytes) {
            response.setStatus(413);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            String body = "{\"type\":\"" + nl.microcredentials.registry.platform.rest.Problem.TYPE_BASE + "payload-too-large\",\"title\":\"Payload too large\",\"status\":413,"
                    + "\"detail\":\"The request body has " + length + " bytes; at most " + maxBodyBytes + " are accepted\"}";
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
