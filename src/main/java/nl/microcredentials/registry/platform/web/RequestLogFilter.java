package nl.microcredentials.registry.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One structured log line per request: method, path, status, duration. Never the query string or a body, which
 * may hold personal data; Faces resources and health probes are logged at FINE only.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestLogFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger("nl.microcredentials.registry.requests");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            String path = request.getRequestURI();
            boolean quiet = path.contains("/jakarta.faces.resource/") || path.startsWith(request.getContextPath() + "/health");
            Level level = quiet ? Level.FINE : Level.INFO;
            if (LOG.isLoggable(level)) {
                long micros = (System.nanoTime() - start) / 1_000;
                LogRecord record = new LogRecord(level, "request method={0} path={1} status={2} durationMs={3}");
                record.setParameters(new Object[] {request.getMethod(), path.replaceAll("[\\r\\n\\s]", "_"),
                        Integer.toString(response.getStatus()), String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0)});
                record.setLoggerName(LOG.getName());
                LOG.log(record);
            }
        }
    }
}
