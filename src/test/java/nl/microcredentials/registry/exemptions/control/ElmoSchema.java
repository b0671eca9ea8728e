package nl.microcredentials.registry.exemptions.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The ELMO v2.0.0 schema from {@code src/test/resources/elmo/} (unmodified copies of the shared reference), compiled with
 * the JDK's own {@code javax.xml.validation}: every remote {@code schemaLocation} of the schema and its imports is
 * resolved to the vendored file beside it, and no other external access is allowed (no network, whatever happens).
 */
public final class ElmoSchema {

    /** schemaLocation as written in the importing files -> the vendored file (imports/README.md). */
    private static final Map<String, String> IMPORTS = Map.of(
            "https://www.w3.org/2001/03/xml.xsd", "xml.xsd",
            "http://www.w3.org/2001/03/xml.xsd", "xml.xsd",
            "https://raw.githubusercontent.com/emrex-eu/elmo-schemas/v1/references/xmldsig-core-schema.xsd", "xmldsig-core-schema.xsd",
            "https://raw.githubusercontent.com/emrex-eu/elmo-schemas/v1/references/EUROPASS_ISOCountries_V1.1.xsd", "EUROPASS_ISOCountries_V1.1.xsd",
            "https://raw.githubusercontent.com/erasmus-without-paper/ewp-specs-types-address/stable-v1/schema.xsd",
            "ewp-specs-types-address-stable-v1-schema.xsd",
            "https://raw.githubusercontent.com/erasmus-without-paper/ewp-specs-architecture/stable-v1/common-types.xsd",
            "ewp-specs-architecture-stable-v1-common-types.xsd");

    private static final Schema SCHEMA = compile();

    /** How many documents were validated in this JVM (reported by the tests). */
    public static final AtomicInteger VALIDATED = new AtomicInteger();

    private ElmoSchema() { }

    private static Schema compile() {
        try {
            SchemaFactory f = SchemaFactory.newDefaultInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
            f.setResourceResolver(new Vendored());
            URL xsd = ElmoSchema.class.getResource("/elmo/elmo-schema-v2.0.0.xsd");
            if (xsd == null) throw new IllegalStateException("src/test/resources/elmo/elmo-schema-v2.0.0.xsd is missing");
            return f.newSchema(new StreamSource(xsd.openStream(), xsd.toExternalForm()));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("The ELMO schema does not compile offline", e);
        }
    }

    /** The schema errors of a document (empty when valid). */
    public static List<String> errors(String xml) {
        List<String> errors = new ArrayList<>();
        try {
            Validator v = SCHEMA.newValidator();
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            v.setErrorHandler(new ErrorHandler() {
                @Override public void warning(SAXParseException e) { }
                @Override public void error(SAXParseException e) { errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage()); }
                @Override public void fatalError(SAXParseException e) { errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage()); }
            });
            v.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXException e) {
            if (errors.isEmpty()) errors.add(e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        VALIDATED.incrementAndGet();
        return errors;
    }

    private static final class Vendored implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespaceURI, String publicId, String systemId, String baseURI) {
            String file = systemId == null ? null : IMPORTS.get(systemId);
            if (file == null) return null; // anything else is refused by ACCESS_EXTERNAL_SCHEMA=file,jar (no network)
            URL url = ElmoSchema.class.getResource("/elmo/imports/" + file);
            if (url == null) throw new IllegalStateException("src/test/resources/elmo/imports/" + file + " is missing");
            return new Input(publicId, url.toExternalForm(), url);
        }
    }

    private record Input(String publicId, String systemId, URL url) implements LSInput {
        @Override public Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(Reader characterStream) { }
        @Override public InputStream getByteStream() {
            try {
                return url.openStream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        @Override public void setByteStream(InputStream byteStream) { }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String stringData) { }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String systemId) { }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String publicId) { }
        @Override public String getBaseURI() { return null; }
        @Override public void setBaseURI(String baseURI) { }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}
