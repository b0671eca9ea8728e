package nl.microcredentials.registry.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One structured log line per request: method, path, status, duration. Never the query string or a body, which
 * may hold personal data. At INFO: writes, failures (4xx/5xx) and requests slower than a second; successful fast reads,
 * Faces resources and health probes at FINE (set the logger to FINE to see every request).
 */
public class RequestLogFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger("nl.microcredentials.registry.requests");
    private static final long SLOW_MICROS = 1_000_000;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            String path = request.getRequestURI();
            long micros = (System.nanoTime() - start) / 1_000;
            // successful, fast requests at FINE (a log line per request costs a busy registry much of its throughput);
            // failures, slow requests and every write at INFO
            boolean write = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
            boolean notable = response.getStatus() >= 400 || micros >= SLOW_MICROS || write;
            boolean quiet = path.contains("/jakarta.faces.resource/") || path.startsWith(request.getContextPath() + "/health");
            Level level = notable && !quiet ? Level.INFO : Level.FINE;
            if (LOG.isLoggable(level)) {
                LogRecord record = new LogRecord(level, "request method={0} path={1} status={2} durationMs={3}");
                record.setParameters(new Object[] {request.getMethod(), path.replaceAll("[\\r\\n\\s]", "_"),
                        Integer.toString(response.getStatus()), String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0)});
                record.setLoggerName(LOG.getName());
                LOG.log(record);
            }
        }
    }
}
