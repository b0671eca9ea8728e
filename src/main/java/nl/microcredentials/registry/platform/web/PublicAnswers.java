package nl.microcredentials.registry.platform.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import nl.microcredentials.registry.platform.cache.Generation;
import nl.microcredentials.registry.platform.cache.Grid;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.RegistryException;

/**
 * The public's answers from the shared cache: an anonymous {@code GET} of the catalogue, a programme, OOAPI, the
 * institutions, agreements, recognition or the statistics is answered from {@link Grid} when an answer was built for
 * the current generations of the data it shows (and today's date), without JAX-RS, JPA or the database; otherwise it is
 * built as usual and kept. Every answer carries an {@code ETag} (the resource's own, or a hash of the body) and a
 * {@code Cache-Control} for shared caches; {@code If-None-Match} with the current tag is a 304. {@code Cache-Status}
 * (RFC 9211) says whether it was a hit.
 * <p>
 * Only for callers without {@code Authorization} and without cookies (staff see drafts; their answers are never kept),
 * only 200s, only bodies up to {@value #MAX_BODY} bytes; an entry is kept gzipped above {@value #GZIP_FROM} bytes and
 * not kept above {@value #MAX_ENTRY} bytes. Registered in {@code web.xml}, after the request log and the security
 * headers, so that a cached answer carries the same headers as a built one.
 */
public class PublicAnswers extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final int MAX_BODY = 1 << 20;
    static final int GZIP_FROM = Grid.GZIP_FROM;
    static final int MAX_ENTRY = Grid.MAX_ENTRY;
    static final int MAX_KEY = 2048;
    static final String DEFAULT_CACHE_CONTROL = "public, no-cache";
    /** RFC 9211: whether the answer came from the cache. */
    static final String CACHE_STATUS = "Cache-Status";
    static final String VARY = "Accept, Accept-Language, Authorization";

    private static final Generation[] CATALOGUE = {Generation.CATALOGUE};
    private static final Generation[] EVERYTHING = {Generation.CATALOGUE, Generation.EXEMPTIONS};
    private static final List<Pattern> CATALOGUE_PATHS = List.of(
            Pattern.compile("/api/programmes(/facets)?"),
            Pattern.compile("/api/programmes/[^/]+(/versions(/[^/]+)?|/achievement|/verification)?"),
            Pattern.compile("/api/institutions(/[^/]+(/boards)?)?"),
            Pattern.compile("/api/boards/[^/]+"),
            Pattern.compile("/api/agreements(/[^/]+)?"),
            Pattern.compile("/api/recognition"),
            Pattern.compile("/api/verify"),
            Pattern.compile("/ooapi/v5(/.*)?"));
    private static final Pattern NEVER = Pattern.compile("/api/programmes/(badge-class-warnings|[^/]+/badge-class-check)");

    @Inject
    Grid grid;

    /** The kinds of data the answer to this path shows, or null when it is never kept. */
    static Generation[] kinds(String path) {
        if (path.equals("/api/statistics")) return EVERYTHING;
        // most requests are answered here, before any pattern: the filter costs a trivial request next to nothing
        if (!path.startsWith("/ooapi/v5") && !path.startsWith("/api/programmes") && !path.startsWith("/api/institutions")
                && !path.startsWith("/api/agreements") && !path.startsWith("/api/boards") && !path.startsWith("/api/recognition") && !path.startsWith("/api/verify")) {
            return null;
        }
        if (NEVER.matcher(path).matches()) return null;
        for (Pattern p : CATALOGUE_PATHS) {
            if (p.matcher(path).matches()) return CATALOGUE;
        }
        return null;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Generation[] kinds = "GET".equals(request.getMethod()) && request.getHeader("Authorization") == null
                && request.getHeader("Cookie") == null ? kinds(path) : null;
        String query = request.getQueryString();
        // If-Match, and an If-None-Match that is not well-formed, are the resource's to answer (412, 400)
        if (kinds != null && (request.getHeader("If-Match") != null || !ETagMatch.wellFormed(request.getHeader("If-None-Match")))) kinds = null;
        if (kinds == null || path.length() + (query == null ? 0 : query.length()) > MAX_KEY) {
            chain.doFilter(request, response);
            return;
        }
        String key = key(kinds, path, query, request.getHeader("Accept"), request.getHeader("Accept-Language"));
        byte[] stored = grid.answer(key);
        if (stored != null) {
            response.setHeader(CACHE_STATUS, "Registry; hit");
            answer(request, response, Entry.decode(stored));
            return;
        }
        Capture capture = new Capture(response);
        chain.doFilter(request, capture);
        Entry built = capture.entry();
        if (built == null) {
            capture.finish();
            return;
        }
        byte[] encoded = built.encode();
        boolean keep = encoded.length <= MAX_ENTRY;
        if (keep) grid.keep(key, encoded);
        response.setHeader(CACHE_STATUS, keep ? "Registry; fwd=miss; stored" : "Registry; fwd=miss");
        answer(request, response, built);
    }

    private String key(Generation[] kinds, String path, String query, String accept, String language) {
        StringBuilder key = new StringBuilder(160);
        for (Generation kind : kinds) key.append(grid.generation(kind)).append('|');
        key.append(Grid.today()).append('|').append(path);
        if (query != null) key.append('?').append(query);
        key.append('|').append(accept == null ? "" : accept.trim().toLowerCase(Locale.ROOT));
        key.append('|').append(language == null ? "" : language.trim().toLowerCase(Locale.ROOT));
        return key.toString();
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, Entry entry) throws IOException {
        response.setHeader("ETag", entry.etag());
        response.setHeader("Cache-Control", entry.cacheControl());
        response.setHeader("Vary", VARY);
        if (ETagMatch.matches(request.getHeader("If-None-Match"), entry.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(entry.contentType());
        byte[] body = entry.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A kept answer: what a 200 needs to be sent again. */
    record Entry(String contentType, String etag, String cacheControl, byte[] body) {

        byte[] encode() {
            try {
                boolean gzip = body.length > GZIP_FROM;
                byte[] content = gzip ? gzip(body) : body;
                ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 200);
                DataOutputStream data = new DataOutputStream(out);
                data.writeByte(1);
                data.writeBoolean(gzip);
                data.writeUTF(contentType);
                data.writeUTF(etag);
                data.writeUTF(cacheControl);
                data.writeInt(content.length);
                data.write(content);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Entry decode(byte[] stored) {
            try {
                DataInputStream data = new DataInputStream(new ByteArrayInputStream(stored));
                data.readByte();
                boolean gzip = data.readBoolean();
                String contentType = data.readUTF();
                String etag = data.readUTF();
                String cacheControl = data.readUTF();
                byte[] content = new byte[data.readInt()];
                data.readFully(content);
                return new Entry(contentType, etag, cacheControl, gzip ? gunzip(content) : content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static byte[] gzip(byte[] bytes) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            return out.toByteArray();
        }

        private static byte[] gunzip(byte[] bytes) throws IOException {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return in.readAllBytes();
            }
        }
    }

    /** If-None-Match against a kept tag, with the registry's one parser of conditional headers ({@link ETags}). */
    static final class ETagMatch {
        private ETagMatch() { }

        /** Weak comparison (RFC 9110 13.1.2); a malformed header matches nothing. */
        static boolean matches(String ifNoneMatch, String etag) {
            if (ifNoneMatch == null || etag == null) return false;
            String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
            opaque = opaque.length() >= 2 && opaque.startsWith("\"") && opaque.endsWith("\"") ? opaque.substring(1, opaque.length() - 1) : opaque;
            try {
                return ETags.notModified(ifNoneMatch, opaque);
            } catch (RegistryException malformed) {
                return false;
            }
        }

        /** Absent, or as RFC 9110 writes it; anything else is the resource's to refuse with a 400. */
        static boolean wellFormed(String ifNoneMatch) {
            try {
                ETags.parse(ETags.IF_NONE_MATCH, ifNoneMatch);
                return true;
            } catch (RegistryException malformed) {
                return false;
            }
        }
    }

    /** Holds back the body of the answer being built (up to {@link #MAX_BODY}; beyond that it streams through). */
    static final class Capture extends HttpServletResponseWrapper {
        private final HttpServletResponse target;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
        private ServletOutputStream stream;
        private PrintWriter writer;
        private ServletOutputStream passThrough;
        private long contentLength = -1;

        Capture(HttpServletResponse target) {
            super(target);
            this.target = target;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override public boolean isReady() { return true; }
                    @Override public void setWriteListener(WriteListener listener) { throw new IllegalStateException("not asynchronous"); }
                    @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }
                    @Override public void write(byte[] b, int off, int len) throws IOException {
                        if (passThrough == null && buffer.size() + len > MAX_BODY) overflow();
                        if (passThrough != null) passThrough.write(b, off, len);
                        else buffer.write(b, off, len);
                    }
                    @Override public void flush() throws IOException { if (passThrough != null) passThrough.flush(); }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), java.nio.charset.Charset.forName(charset)), false);
            }
            return writer;
        }

        private void overflow() throws IOException {
            if (contentLength >= 0) target.setContentLengthLong(contentLength);
            passThrough = target.getOutputStream();
            buffer.writeTo(passThrough);
            buffer.reset();
        }

        @Override public void setContentLength(int len) { contentLength = len; }
        @Override public void setContentLengthLong(long len) { contentLength = len; }
        @Override public void setHeader(String name, String value) {
            if ("Content-Length".equalsIgnoreCase(name)) contentLength = value == null ? -1 : Long.parseLong(value.trim());
            else super.setHeader(name, value);
        }
        @Override public void flushBuffer() throws IOException { if (passThrough != null) target.flushBuffer(); }
        @Override public boolean isCommitted() { return passThrough != null && target.isCommitted(); }
        @Override public void resetBuffer() { if (passThrough == null) buffer.reset(); else target.resetBuffer(); }
        @Override public void reset() { if (passThrough == null) buffer.reset(); target.reset(); }

        /** The answer to keep, or null when this one is not for keeping. */
        Entry entry() {
            if (writer != null) writer.flush();
            if (passThrough != null || getStatus() != HttpServletResponse.SC_OK || target.getHeader("Set-Cookie") != null) return null;
            String type = target.getContentType();
            if (type == null || !type.toLowerCase(Locale.ROOT).contains("json")) return null;
            byte[] body = buffer.toByteArray();
            String etag = target.getHeader("ETag");
            if (etag == null) etag = "\"" + hash(body) + "\"";
            String cacheControl = target.getHeader("Cache-Control");
            return new Entry(type, etag, cacheControl == null ? DEFAULT_CACHE_CONTROL : cacheControl, body);
        }

        /** Sends what was held back of an answer that is not kept. */
        void finish() throws IOException {
            if (writer != null) writer.flush();
            if (passThrough != null) return;
            if (buffer.size() == 0 && contentLength <= 0) {
                if (contentLength == 0) target.setContentLength(0);
                return;
            }
            target.setContentLength(buffer.size());
            buffer.writeTo(target.getOutputStream());
        }

        private static String hash(byte[] body) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
                return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
