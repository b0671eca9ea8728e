package nl.microcredentials.registry.exemptions.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.RegistryException;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.Locator2;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the ELMO v2 document a learner brings from their home institution (EMREX), refusing hostile XML before it
 * costs anything: at most {@link ElmoXml#MAX_BYTES} bytes (413 above), no DOCTYPE at all (so no entity of any kind, no
 * external DTD, nothing resolved), secure processing, no external access, no XInclude, at most {@link ElmoXml#MAX_DEPTH}
 * levels and {@link ElmoXml#MAX_ELEMENTS} elements. A refused or invalid document is a 400 whose error names the element
 * path ({@code /elmo/report[1]/learningOpportunitySpecification[2]/specifies/learningOpportunityInstance/date}).
 *
 * <p>The reader checks the structure it uses rather than the whole schema (a home institution's ELMO v1.x document has the
 * same namespace and is read the same way): the root {@code elmo}, the {@code learner}'s names, each {@code report}'s
 * {@code issuer}, and every learning opportunity with its identifiers, titles, URL, and its instance's date, status, ECTS
 * credits and EQF level. Learning opportunities are taken from {@code report} (with their {@code hasPart} descendants)
 * and from a {@code resultOfRecognition}'s {@code recognitionBasis/recognitionReport} (so the registry's own decision
 * documents read back to their micro-credential), never from a {@code recognitionResult}.
 */
public final class ElmoReader {

    /** The achievement URL (or any registry URL of a programme) and the version it names, if any. */
    static final Pattern PROGRAMME_URL = Pattern.compile(
            "/api/programmes/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:/versions/(\\d{1,6}))?(?:[/?#].*)?$");
    static final Pattern UUID = Pattern.compile("(?i)(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    static final Pattern CATALOGUE_URL = Pattern.compile("/catalogue/programme\\.xhtml\\?(?:.*&)?id=([0-9a-fA-F-]{36})(?:&.*)?$");

    /** An identifier with its type as written. */
    public record Identifier(String type, String value) { }

    /** A report's issuer: its identifiers, titles and URL. */
    public record Issuer(String path, List<Identifier> identifiers, List<String> titles, String url) {
        public List<String> values(String type) {
            return identifiers.stream().filter(i -> i.type().equalsIgnoreCase(type)).map(Identifier::value).toList();
        }
    }

    /**
     * A learning opportunity of the document with what its (first) instance says: {@code date} the day the result was
     * achieved, {@code status} passed / failed / in-progress (null when not given), the ECTS credits, the EQF level.
     */
    public record Opportunity(String path, Issuer issuer, List<Identifier> identifiers, List<String> titles, String url, LocalDate date,
                              String datePath, String status, String statusPath, BigDecimal ects, String eqfLevel) {
        public List<String> values(String type) {
            return identifiers.stream().filter(i -> i.type().equalsIgnoreCase(type)).map(Identifier::value).toList();
        }
    }

    /** What the registry takes from a document; {@code text} is the document as received, decoded. */
    public record Document(String givenNames, String familyName, List<Opportunity> opportunities, String text) {
        /** The learner's name as one string (given names, family name). */
        public String learnerName() {
            return (givenNames + " " + familyName).strip().replaceAll("\\s+", " ");
        }
    }

    /** A programme id (and the version, when the reference names one) found in an identifier or URL. */
    public record ProgrammeRef(String programmeId, Integer version) { }

    private ElmoReader() { }

    /** Reads at most {@link ElmoXml#MAX_BYTES} bytes of a stream: 413 beyond, before anything is parsed. */
    public static byte[] bytes(InputStream in) {
        if (in == null) throw RegistryException.invalid("/", "an ELMO document is required");
        try {
            byte[] bytes = in.readNBytes(ElmoXml.MAX_BYTES + 1);
            if (bytes.length > ElmoXml.MAX_BYTES) {
                throw new RegistryException(413, "payload-too-large", "Payload too large",
                        "An ELMO document has at most " + ElmoXml.MAX_BYTES + " bytes", null, null);
            }
            return bytes;
        } catch (IOException e) {
            throw RegistryException.badRequest("The ELMO document could not be read");
        }
    }

    public static Document read(byte[] xml) {
        if (xml == null || xml.length == 0) throw RegistryException.invalid("/", "an ELMO document is required");
        if (xml.length > ElmoXml.MAX_BYTES) {
            throw new RegistryException(413, "payload-too-large", "Payload too large", "An ELMO document has at most " + ElmoXml.MAX_BYTES + " bytes", null, null);
        }
        Tree tree = new Tree();
        try {
            SAXParser parser = parser();
            InputSource source = new InputSource(new ByteArrayInputStream(xml));
            parser.parse(source, tree);
        } catch (Refused r) {
            throw RegistryException.invalid(r.path, r.getMessage());
        } catch (SAXParseException e) {
            throw RegistryException.invalid(tree.path(), "is not well-formed or not allowed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + clip(e.getMessage()));
        } catch (SAXException e) {
            throw RegistryException.invalid(tree.path(), "is not allowed XML: " + clip(e.getMessage()));
        } catch (IOException e) {
            throw RegistryException.invalid("/", "could not be read");
        }
        return document(tree.root, decode(xml, tree.encoding));
    }

    /** SAX with every door closed: no DOCTYPE (so no entities), secure processing, no external DTD, schema or entity access. */
    static SAXParser parser() throws SAXException {
        try {
            SAXParserFactory f = SAXParserFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser p = f.newSAXParser();
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return p;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be hardened", e);
        }
    }

    /** The programme a learning opportunity names by a registry URL (achievement, API, catalogue) or a UUID identifier. */
    public static Optional<ProgrammeRef> programmeRef(Opportunity o) {
        List<String> candidates = new ArrayList<>();
        for (Identifier i : o.identifiers()) candidates.add(i.value());
        if (o.url() != null) candidates.add(o.url());
        for (String value : candidates) {
            Optional<ProgrammeRef> ref = programmeRef(value);
            if (ref.isPresent()) return ref;
        }
        return Optional.empty();
    }

    /** A programme id in a registry URL ({@code .../api/programmes/{id}[/versions/{n}][/achievement]}, the catalogue page) or a UUID. */
    public static Optional<ProgrammeRef> programmeRef(String value) {
        if (value == null) return Optional.empty();
        String v = value.strip();
        Matcher m = PROGRAMME_URL.matcher(v);
        if (m.find()) return Optional.of(new ProgrammeRef(m.group(1).toLowerCase(Locale.ROOT), m.group(2) == null ? null : Integer.valueOf(m.group(2))));
        m = CATALOGUE_URL.matcher(v);
        if (m.find()) return Optional.of(new ProgrammeRef(m.group(1).toLowerCase(Locale.ROOT), null));
        m = UUID.matcher(v);
        if (m.matches()) return Optional.of(new ProgrammeRef(m.group(1).toLowerCase(Locale.ROOT), null));
        return Optional.empty();
    }

    // ---- from the tree to what the registry uses ---------------------------------------------------------------

    private static Document document(Node root, String text) {
        if (root == null) throw RegistryException.invalid("/", "holds no element");
        if (!ElmoXml.NS.equals(root.ns) || !root.name.equals("elmo")) {
            throw RegistryException.invalid(root.path, "must be the element elmo in the ELMO namespace " + ElmoXml.NS
                    + " (found " + (root.ns.isEmpty() ? "" : "{" + clip(root.ns) + "}") + clip(root.name) + ")");
        }
        List<FieldError> errors = new ArrayList<>();
        Node learner = root.child("learner");
        String given = "";
        String family = "";
        if (learner == null) {
            errors.add(new FieldError(root.path + "/learner", "is required"));
        } else {
            Node g = learner.child("givenNames");
            Node f = learner.child("familyName");
            if (g == null) errors.add(new FieldError(learner.path + "/givenNames", "is required"));
            else given = g.text();
            if (f == null) errors.add(new FieldError(learner.path + "/familyName", "is required"));
            else family = f.text();
        }
        List<Node> reports = root.children("report");
        if (reports.isEmpty()) errors.add(new FieldError(root.path + "/report", "is required: at least one report"));
        List<Opportunity> opportunities = new ArrayList<>();
        for (Node report : reports) collect(report, errors, opportunities);
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);
        if (opportunities.isEmpty()) {
            throw RegistryException.invalid(reports.get(0).path + "/learningOpportunitySpecification", "is required: the document names no learning opportunity");
        }
        return new Document(given, family, List.copyOf(opportunities), text);
    }

    /** The opportunities of a report (or recognitionReport) and of the recognition bases of its results of recognition. */
    private static void collect(Node report, List<FieldError> errors, List<Opportunity> out) {
        Issuer issuer = issuer(report, errors);
        for (Node los : report.children("learningOpportunitySpecification")) opportunity(los, issuer, errors, out);
        for (Node result : report.children("resultOfRecognition")) {
            for (Node basis : result.children("recognitionBasis")) {
                for (Node rr : basis.children("recognitionReport")) collect(rr, errors, out);
            }
        }
    }

    private static Issuer issuer(Node report, List<FieldError> errors) {
        Node issuer = report.child("issuer");
        if (issuer == null) {
            errors.add(new FieldError(report.path + "/issuer", "is required"));
            return new Issuer(report.path + "/issuer", List.of(), List.of(), null);
        }
        List<Identifier> ids = identifiers(issuer, errors);
        if (ids.isEmpty()) errors.add(new FieldError(issuer.path + "/identifier", "is required: at least one identifier of the institution"));
        Node url = issuer.child("url");
        return new Issuer(issuer.path, ids, issuer.children("title").stream().map(Node::text).toList(), url == null ? null : url.text());
    }

    private static void opportunity(Node los, Issuer issuer, List<FieldError> errors, List<Opportunity> out) {
        List<Identifier> ids = identifiers(los, errors);
        if (ids.isEmpty()) errors.add(new FieldError(los.path + "/identifier", "is required: at least one identifier of the learning opportunity"));
        List<String> titles = los.children("title").stream().map(Node::text).toList();
        if (titles.isEmpty()) errors.add(new FieldError(los.path + "/title", "is required"));
        Node url = los.child("url");
        Node specifies = los.child("specifies");
        Node instance = specifies == null ? null : specifies.child("learningOpportunityInstance");
        LocalDate date = null;
        String datePath = instance == null ? los.path + "/specifies/learningOpportunityInstance/date" : instance.path + "/date";
        String status = null;
        String statusPath = datePath.replace("/date", "/status");
        BigDecimal ects = null;
        String eqf = null;
        if (instance == null) {
            errors.add(new FieldError(los.path + "/specifies/learningOpportunityInstance", "is required"));
        } else {
            Node d = instance.child("date");
            if (d != null) {
                try {
                    String v = d.text().strip();
                    // xs:date may carry a time zone; the day is what counts
                    date = LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError(d.path, "must be a date (yyyy-mm-dd)"));
                }
            }
            Node s = instance.child("status");
            if (s != null) {
                status = s.text().strip();
                if (!List.of("passed", "failed", "in-progress").contains(status)) errors.add(new FieldError(s.path, "must be passed, failed or in-progress"));
            }
            for (Node credit : instance.children("credit")) {
                Node scheme = credit.child("scheme");
                Node value = credit.child("value");
                if (scheme == null) {
                    errors.add(new FieldError(credit.path + "/scheme", "is required"));
                } else if (scheme.text().strip().equalsIgnoreCase("ects") && value != null) {
                    try {
                        ects = new BigDecimal(value.text().strip());
                    } catch (NumberFormatException e) {
                        errors.add(new FieldError(value.path, "must be a decimal number"));
                    }
                }
            }
            for (Node level : instance.children("level")) {
                Node type = level.child("type");
                Node value = level.child("value");
                if (type != null && type.text().strip().equalsIgnoreCase("EQF") && value != null) eqf = value.text().strip();
            }
        }
        out.add(new Opportunity(los.path, issuer, ids, titles, url == null ? null : url.text().strip(), date, datePath, status, statusPath, ects, eqf));
        for (Node part : los.children("hasPart")) {
            for (Node child : part.children("learningOpportunitySpecification")) opportunity(child, issuer, errors, out);
        }
    }

    private static List<Identifier> identifiers(Node parent, List<FieldError> errors) {
        List<Identifier> ids = new ArrayList<>();
        for (Node id : parent.children("identifier")) {
            String type = id.attributes.get("type");
            if (type == null || type.isBlank()) errors.add(new FieldError(id.path + "/@type", "is required"));
            else ids.add(new Identifier(type.strip(), id.text().strip()));
        }
        return ids;
    }

    private static String decode(byte[] xml, String encoding) {
        Charset charset = StandardCharsets.UTF_8;
        if (encoding != null) {
            try {
                charset = Charset.forName(encoding);
            } catch (RuntimeException e) {
                charset = StandardCharsets.UTF_8;
            }
        }
        String text = new String(xml, charset);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String clip(String s) {
        if (s == null) return "";
        String t = ElmoXml.text(s).replaceAll("\\s+", " ").strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    // ---- a small tree, built under limits -------------------------------------------------------------------------

    /** Elements whose position among same-named siblings the path shows. */
    private static final java.util.Set<String> INDEXED = java.util.Set.of("report", "learningOpportunitySpecification", "hasPart",
            "resultOfRecognition", "recognitionBasis", "recognitionReport", "identifier", "title", "credit", "level", "attachment");

    private static final class Node {
        final String ns;
        final String name;
        final String path;
        final Map<String, String> attributes;
        final List<Node> children = new ArrayList<>();
        final Map<String, Integer> counts = new HashMap<>();
        StringBuilder text;

        Node(String ns, String name, String path, Map<String, String> attributes) {
            this.ns = ns;
            this.name = name;
            this.path = path;
            this.attributes = attributes;
        }

        Node child(String local) {
            for (Node c : children) if (c.name.equals(local) && ElmoXml.NS.equals(c.ns)) return c;
            return null;
        }

        List<Node> children(String local) {
            List<Node> out = new ArrayList<>();
            for (Node c : children) if (c.name.equals(local) && ElmoXml.NS.equals(c.ns)) out.add(c);
            return out;
        }

        String text() {
            return text == null ? "" : text.toString();
        }
    }

    /** Thrown from the handler: a limit was crossed at this path. */
    private static final class Refused extends SAXException {
        private static final long serialVersionUID = 1L;
        final String path;

        Refused(String path, String message) {
            super(message);
            this.path = path;
        }
    }

    private static final class Tree extends DefaultHandler {
        final Deque<Node> open = new ArrayDeque<>();
        Node root;
        int elements;
        Locator locator;
        String encoding;

        String path() {
            return open.isEmpty() ? (root == null ? "/" : root.path) : open.peek().path;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startDocument() {
            if (locator instanceof Locator2 l2) encoding = l2.getEncoding();
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (encoding == null && locator instanceof Locator2 l2) encoding = l2.getEncoding();
            Node parent = open.peek();
            String local = localName == null || localName.isEmpty() ? qName : localName;
            if (parent == null && root != null) throw new Refused("/", "has more than one root element");
            if (open.size() >= ElmoXml.MAX_DEPTH) throw new Refused(path(), "nests elements deeper than " + ElmoXml.MAX_DEPTH + " levels");
            if (++elements > ElmoXml.MAX_ELEMENTS) throw new Refused(path(), "has more than " + ElmoXml.MAX_ELEMENTS + " elements");
            String step = clip(local);
            if (parent != null && INDEXED.contains(local)) {
                int n = parent.counts.merge(local, 1, Integer::sum);
                step = step + "[" + n + "]";
            }
            Map<String, String> attributes = new HashMap<>();
            for (int i = 0; i < atts.getLength(); i++) {
                String name = atts.getURI(i).isEmpty() ? atts.getLocalName(i) : "{" + atts.getURI(i) + "}" + atts.getLocalName(i);
                attributes.put(name, atts.getValue(i));
            }
            Node node = new Node(uri == null ? "" : uri, local, (parent == null ? "" : parent.path) + "/" + step, attributes);
            if (parent == null) root = node;
            else parent.children.add(node);
            open.push(node);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            Node current = open.peek();
            if (current == null) return;
            if (current.text == null) current.text = new StringBuilder();
            current.text.append(ch, start, length);
        }

        @Override
        public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
            // never reached with DOCTYPE disallowed; if it were, nothing is fetched
            throw new Refused(path(), "refers to an external entity; nothing is resolved");
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            throw new Refused(path(), "refers to an entity; entities are not allowed");
        }
    }

    /** For tests: whether a string parses (used to check the writer's output stays well-formed). */
    static boolean wellFormed(String xml) {
        try {
            parser().parse(new InputSource(new StringReader(xml)), new DefaultHandler());
            return true;
        } catch (SAXException | IOException e) {
            return false;
        }
    }
}
