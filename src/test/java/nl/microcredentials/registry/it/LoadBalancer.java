package nl.microcredentials.registry.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal HTTP/1.1 reverse proxy on loopback for {@link ClusterIT}: what a load balancer does for a browser, so that a
 * page rendered by one instance can be posted back to another at the same address (the browser never sees the instance's
 * own port). Forwards every request to the current {@link #target} instance as it is (Host aside), rewrites the
 * {@code Location} of redirects to its own address, and answers 502 when the instance does not answer.
 */
final class LoadBalancer implements AutoCloseable {

    /** Hop-by-hop headers, the ones the JDK client sets itself, and Date (the JDK server writes its own). */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
            "te", "trailer", "upgrade", "content-length", "expect", "host", "date", "from", "via", "warning", "http2-settings");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private volatile int target;

    LoadBalancer(int target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** From now on, every request goes to the instance on this HTTP port. */
    void target(int port) {
        this.target = port;
    }

    private void forward(HttpExchange exchange) throws IOException {
        int to = target;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> request.header(name, v));
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (NOT_FORWARDED.contains(lower) || name.startsWith(":")) return;
                for (String value : values) {
                    exchange.getResponseHeaders().add(name, "location".equals(lower) ? value.replace("//127.0.0.1:" + to, "//127.0.0.1:" + port())
                            .replace("//localhost:" + to, "//127.0.0.1:" + port()) : value);
                }
            });
            byte[] bytes = response.body();
            int status = response.statusCode();
            boolean empty = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod()) || bytes.length == 0;
            exchange.sendResponseHeaders(status, empty ? -1 : bytes.length);
            if (!empty) exchange.getResponseBody().write(bytes);
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(502, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
