package nl.microcredentials.registry.ooapi.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import nl.microcredentials.registry.platform.outbound.OutboundHttpClient;
import nl.microcredentials.registry.platform.outbound.RefusedAddressException;

/**
 * Reads an institution's OOAPI v5 endpoint through the registry's {@link OutboundHttpClient} (checked public addresses
 * unless private ones are allowed, redirects only through the same check, 5 s to connect, 10 s to answer): one
 * {@code /courses} page at a time and, when needed, an education specification. Every way an endpoint can fail (timeout,
 * refused address, an answer that is too large, not JSON or not a page) is a {@link SyncFailure} with a reason a person
 * can act on; nothing else escapes.
 */
public final class OoapiClient {

    /** The page size asked for: the largest the specification allows. */
    public static final int PAGE_SIZE = 250;

    private static final JsonProvider JSON = JsonProvider.provider();

    /** Why a sync cannot go on; the message is the report's reason. */
    public static final class SyncFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public SyncFailure(String reason) {
            super(reason);
        }
    }

    /** One page of courses: its items and whether the endpoint says there is another. */
    public record Page(JsonArray items, boolean hasNextPage) { }

    private final OutboundHttpClient http;
    private final SyncPolicy policy;

    public OoapiClient(OutboundHttpClient http, SyncPolicy policy) {
        this.http = http;
        this.policy = policy;
    }

    /** What is wrong with a base URL, if anything: an absolute http(s) URL without credentials, query or fragment. */
    public static Optional<String> problem(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) return Optional.of("is required");
        if (baseUrl.trim().length() > 500) return Optional.of("must be at most 500 characters");
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || uri.getHost() == null || scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) return Optional.of("must not contain credentials");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("must be the endpoint's base URL, without a query or fragment (e.g. https://api.example.nl/ooapi/v5)");
        }
        return Optional.empty();
    }

    /** The address of a page of courses. */
    public static URI coursesPage(String baseUrl, String consumer, int pageNumber) {
        StringBuilder url = new StringBuilder(base(baseUrl)).append("/courses?pageSize=").append(PAGE_SIZE).append("&pageNumber=").append(pageNumber);
        if (consumer != null && !consumer.isBlank()) url.append("&consumer=").append(URLEncoder.encode(consumer.trim(), StandardCharsets.UTF_8));
        return URI.create(url.toString());
    }

    /** Reads page {@code pageNumber} of {@code /courses}. */
    public Page page(String baseUrl, String consumer, int pageNumber) throws SyncFailure {
        JsonValue value = fetch(coursesPage(baseUrl, consumer, pageNumber), "page " + pageNumber);
        if (!(value instanceof JsonObject page)) throw new SyncFailure("not a page: page " + pageNumber + " is not a JSON object");
        JsonValue items = page.get("items");
        if (!(items instanceof JsonArray array)) throw new SyncFailure("not a page: page " + pageNumber + " has no items array");
        JsonValue next = page.get("hasNextPage");
        boolean hasNext;
        if (next == null || next.getValueType() == JsonValue.ValueType.NULL || next.getValueType() == JsonValue.ValueType.FALSE) {
            hasNext = false;
        } else if (next.getValueType() == JsonValue.ValueType.TRUE) {
            hasNext = true;
        } else {
            throw new SyncFailure("not a page: hasNextPage of page " + pageNumber + " is not true or false");
        }
        return new Page(array, hasNext);
    }

    /** An education specification by its id; empty when the endpoint does not give one (a course is then read without it). */
    public Optional<JsonObject> educationSpecification(String baseUrl, String consumer, String id) {
        try {
            StringBuilder url = new StringBuilder(base(baseUrl)).append("/education-specifications/")
                    .append(URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
            if (consumer != null && !consumer.isBlank()) url.append("?consumer=").append(URLEncoder.encode(consumer.trim(), StandardCharsets.UTF_8));
            JsonValue value = fetch(URI.create(url.toString()), "education specification");
            return value instanceof JsonObject o ? Optional.of(o) : Optional.empty();
        } catch (SyncFailure | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private JsonValue fetch(URI uri, String what) throws SyncFailure {
        OutboundHttpClient.Fetched fetched;
        try {
            fetched = http.get(uri, Map.of("Accept", "application/json", "User-Agent", "microcredential-registry-ooapi-import"),
                    policy.maxPageBytes(), policy.maxRedirects());
        } catch (RefusedAddressException e) {
            throw new SyncFailure("refused address: " + e.getMessage() + " (" + what + ")");
        } catch (org.apache.hc.client5.http.ConnectTimeoutException e) {
            throw new SyncFailure("timeout: no connection to the endpoint within 5 s (" + what + ")");
        } catch (SocketTimeoutException e) {
            throw new SyncFailure("timeout: the endpoint did not answer in time (" + what + ")");
        } catch (UnknownHostException e) {
            throw new SyncFailure("unknown host: the endpoint's host name does not resolve (" + what + ")");
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            if (message.length() > 200) message = message.substring(0, 200);
            throw new SyncFailure("transport error (" + e.getClass().getSimpleName() + message + ") reading " + what);
        } catch (IllegalArgumentException e) {
            throw new SyncFailure("refused address: a redirect to something that is not an http(s) URL (" + what + ")");
        } catch (RuntimeException e) {
            throw new SyncFailure("transport error (" + e.getClass().getSimpleName() + ") reading " + what);
        }
        if (fetched.tooLarge()) {
            throw new SyncFailure("too large: " + what + " is larger than " + policy.maxPageBytes() / (1024 * 1024) + " MB");
        }
        if (fetched.status() != 200) throw new SyncFailure("HTTP " + fetched.status() + " for " + what);
        try (var reader = JSON.createReader(new ByteArrayInputStream(fetched.body()))) {
            return reader.readValue();
        } catch (RuntimeException | StackOverflowError e) {
            throw new SyncFailure("malformed JSON: " + what + " is not valid JSON");
        }
    }

    private static String base(String baseUrl) {
        String base = baseUrl.trim();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return base;
    }
}
