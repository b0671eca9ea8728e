package nl.microcredentials.registry.platform.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The registry's one HTTP client for calls to addresses that callers chose (webhooks). It connects only to the
 * addresses its {@link CheckedDnsResolver} resolved and checked (no second lookup, so no DNS rebinding between check and
 * connect), verifies TLS certificates against the host name, never follows redirects, never retries, sends no cookies,
 * ignores proxy system properties, connects within 5 s, waits at most 10 s for the answer and for each read, reads a
 * response body for at most 30 s and at most a given number of bytes of it. Every request uses a new connection, so
 * every request is resolved and checked anew.
 */
public final class OutboundHttpClient implements AutoCloseable {

    public static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);
    public static final Timeout RESPONSE_TIMEOUT = Timeout.ofSeconds(10);
    /** How long reading a response body may take in all (each read waits at most {@link #RESPONSE_TIMEOUT}). */
    public static final Duration BODY_DEADLINE = Duration.ofSeconds(30);
    /** The response bytes read by default; the rest is discarded with the connection. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

    /** A response: its status and at most the requested number of body bytes. */
    public record Response(int status, byte[] body) { }

    private final CloseableHttpClient client;

    /** @param allowPrivateAddresses the operator's flag: also loopback and private addresses (tests, closed networks) */
    public OutboundHttpClient(boolean allowPrivateAddresses) {
        this(new CheckedDnsResolver(allowPrivateAddresses));
    }

    /** With the given resolver as the client's only name resolution. */
    public OutboundHttpClient(DnsResolver resolver) {
        this(resolver, RESPONSE_TIMEOUT);
    }

    /** With a shorter wait for an answer (tests of a remote that never answers). */
    public OutboundHttpClient(DnsResolver resolver, Timeout responseTimeout) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(CONNECT_TIMEOUT)
                        .setSocketTimeout(responseTimeout)
                        .build())
                .setMaxConnTotal(20)
                .setMaxConnPerRoute(4)
                .build();
        client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(CONNECT_TIMEOUT)
                        .setResponseTimeout(responseTimeout)
                        .setRedirectsEnabled(false)
                        .setAuthenticationEnabled(false)
                        .setExpectContinueEnabled(false)
                        .build())
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    /**
     * POSTs {@code body} to an absolute http(s) URL. A host that resolves to a refused address fails with
     * {@link RefusedAddressException} before any connection is opened.
     *
     * @param maxResponseBytes the most response body bytes to read; a longer body is cut off there
     */
    public Response post(URI uri, Map<String, String> headers, ContentType contentType, byte[] body, int maxResponseBytes) throws IOException {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("Not an absolute http or https URL");
        }
        HttpPost post = new HttpPost(uri);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, contentType));
        ClassicHttpResponse response = client.executeOpen(null, post, null);
        try {
            HttpEntity entity = response.getEntity();
            byte[] read = entity == null ? new byte[0]
                    : readAtMost(entity.getContent(), maxResponseBytes, System.nanoTime() + BODY_DEADLINE.toNanos());
            return new Response(response.getCode(), read);
        } finally {
            // a graceful close would read the rest of the body to reuse the connection: drop the connection instead
            if (response instanceof CloseableHttpResponse closeable) closeable.close(CloseMode.IMMEDIATE);
            else response.close();
        }
    }

    /** A fetched document: the final status and address, at most the allowed bytes, and whether there were more. */
    public record Fetched(int status, byte[] body, boolean tooLarge, URI uri) { }

    /**
     * GETs an absolute http(s) URL, following at most {@code maxRedirects} redirects, each to an absolute or relative
     * http(s) address that the same address policy checks again (a redirect to a refused address fails with
     * {@link RefusedAddressException}). Reads at most {@code maxBytes} of the body; {@link Fetched#tooLarge()} tells
     * whether the body was longer.
     */
    public Fetched get(URI uri, Map<String, String> headers, int maxBytes, int maxRedirects) throws IOException {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            requireHttp(current);
            HttpGet get = new HttpGet(current);
            headers.forEach(get::setHeader);
            ClassicHttpResponse response = client.executeOpen(null, get, null);
            try {
                int status = response.getCode();
                if (status >= 300 && status < 400 && status != 304 && response.getFirstHeader("Location") != null) {
                    if (hop >= maxRedirects) throw new IOException("More than " + maxRedirects + " redirects");
                    URI next;
                    try {
                        next = current.resolve(response.getFirstHeader("Location").getValue().trim());
                    } catch (IllegalArgumentException e) {
                        throw new IOException("A redirect to an invalid address");
                    }
                    current = next;
                    continue;
                }
                HttpEntity entity = response.getEntity();
                byte[] read = entity == null ? new byte[0]
                        : readAtMost(entity.getContent(), maxBytes + 1, System.nanoTime() + BODY_DEADLINE.toNanos());
                boolean tooLarge = read.length > maxBytes;
                return new Fetched(status, tooLarge ? java.util.Arrays.copyOf(read, maxBytes) : read, tooLarge, current);
            } finally {
                if (response instanceof CloseableHttpResponse closeable) closeable.close(CloseMode.IMMEDIATE);
                else response.close();
            }
        }
    }

    private static void requireHttp(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("Not an absolute http or https URL");
        }
    }

    /** Reads at most {@code max} bytes of a stream (fewer when it ends first); never more, whatever the stream holds. */
    public static byte[] readAtMost(InputStream in, int max) throws IOException {
        return readAtMost(in, max, Long.MAX_VALUE);
    }

    /** {@link #readAtMost(InputStream, int)}, and a {@link SocketTimeoutException} once {@code System.nanoTime()} passes the deadline. */
    static byte[] readAtMost(InputStream in, int max, long deadlineNanos) throws IOException {
        if (max < 0) throw new IllegalArgumentException("max < 0");
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
        byte[] buffer = new byte[8192];
        int remaining = max;
        while (remaining > 0) {
            int n = in.read(buffer, 0, Math.min(buffer.length, remaining));
            if (n < 0) break;
            out.write(buffer, 0, n);
            remaining -= n;
            if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
                throw new SocketTimeoutException("The response body took longer than " + BODY_DEADLINE.toSeconds() + " s");
            }
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
