package nl.microcredentials.registry.exemptions.control;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import nl.microcredentials.registry.exemptions.entity.DecisionOutcome;

/**
 * A decided exemption request as an EMREX/ELMO v2 document (elmo-schema-v2.0.0.xsd) with one {@code report} issued by
 * the receiving institution, holding one {@code resultOfRecognition}:
 * <ul>
 * <li>{@code status} Positive / Partially Positive / Negative from the outcome, {@code decisionDate}, the board's
 *     motivation as {@code description} (only for those who may see the learner);</li>
 * <li>{@code recognitionBasis/recognitionReport}: the micro-credential's issuer (identifiers {@code schac} where known,
 *     {@code registryInstitutionCode}, {@code brin}), and the micro-credential as a learning opportunity
 *     (identifiers {@code local} = the issuer's course code, {@code achievement} = the Open Badges achievement URL of the
 *     version the learner earned, {@code registryProgramme}, {@code edubadgesBadgeClass}), with its EC
 *     ({@code credit/scheme ects}), its EQF and NLQF levels and the award date;</li>
 * <li>{@code recognitionResult}: the target course with the EC granted (0 for a rejection).</li>
 * </ul>
 * Without a {@link Learner} (a coordinator's view: pseudonymous) the learner's names are the empty strings ELMO asks for
 * when they cannot be given, and no identifier, evidence URL or motivation is written. Every text goes through
 * {@link ElmoXml#text}, so the document is well-formed XML 1.0 whatever was recorded.
 */
public final class ElmoWriter {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** An institution as ELMO names it. {@code website} may be null (then the registry's institution URL). */
    public record Institution(String code, String name, String website, String schacHome, String brin) { }

    /** The learner: only for those who may see the request. */
    public record Learner(String name, String studentNumber, String evidenceUrl) { }

    /** The micro-credential version the learner earned. */
    public record MicroCredential(String programmeId, int version, String courseCode, String titleEn, String titleNl, BigDecimal ects,
                                  Integer eqfLevel, String nlqfLevel, String iscedField, String badgeClassUrl, LocalDate awardedOn) { }

    /** The board's decision on the target course. {@code motivation} null leaves it out. */
    public record Decision(String reference, DecisionOutcome outcome, LocalDate decidedOn, BigDecimal ectsGranted, String motivation,
                           String courseCode, String courseTitle, BigDecimal courseEcts) { }

    /** Everything the document says; {@code learner} null for a pseudonymous document. */
    public record Recognition(String publicUrl, OffsetDateTime generatedAt, Learner learner, Institution receiving, Institution issuer,
                              MicroCredential basis, Decision decision) { }

    private ElmoWriter() { }

    /** The given names and the family name ELMO wants, from a name recorded as one string: the first word, the rest. */
    public static String[] names(String fullName) {
        String name = fullName == null ? "" : fullName.strip().replaceAll("\\s+", " ");
        int space = name.indexOf(' ');
        if (space < 0) return new String[] {"", name};
        return new String[] {name.substring(0, space), name.substring(space + 1)};
    }

    /** The achievement URL of a programme version (as the Open Badges endpoint serves it). */
    public static String achievementUrl(String publicUrl, String programmeId, int version) {
        return publicUrl + "/api/programmes/" + programmeId + "/versions/" + version + "/achievement";
    }

    public static String write(Recognition r) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
            Doc d = new Doc(x);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.setDefaultNamespace(ElmoXml.NS);
            x.writeStartElement(ElmoXml.NS, "elmo");
            x.writeDefaultNamespace(ElmoXml.NS);
            d.depth++;
            d.leaf("generatedDate", ElmoXml.dateTime(r.generatedAt()));
            learner(d, r.learner());

            d.start("report");
            issuer(d, r.receiving(), r.publicUrl());
            Decision dec = r.decision();
            d.start("resultOfRecognition");
            d.leaf("title", "Exemption " + dec.reference() + ": " + dec.courseCode() + " " + dec.courseTitle(), "en");
            if (r.learner() != null && dec.motivation() != null && !dec.motivation().isBlank()) d.leaf("description", dec.motivation());
            d.leaf("status", dec.outcome().elmoStatus());
            d.leaf("decisionDate", ElmoXml.date(dec.decidedOn()));

            d.start("recognitionBasis");
            d.start("recognitionReport");
            issuer(d, r.issuer(), r.publicUrl());
            microCredential(d, r.publicUrl(), r.basis(), r.learner());
            d.leaf("issueDate", ElmoXml.dateTime(r.basis().awardedOn().atStartOfDay(ZONE).toOffsetDateTime()));
            d.end(); // recognitionReport
            d.end(); // recognitionBasis

            d.start("recognitionResult");
            d.start("learningOpportunitySpecification");
            d.leaf("identifier", dec.courseCode(), null, "local");
            d.leaf("title", dec.courseTitle());
            d.leaf("type", "Course");
            d.start("specifies");
            d.start("learningOpportunityInstance");
            d.leaf("date", ElmoXml.date(dec.decidedOn()));
            BigDecimal granted = dec.ectsGranted() == null || dec.outcome() == DecisionOutcome.REJECTED ? BigDecimal.ZERO : dec.ectsGranted();
            credit(d, granted);
            d.end(); // learningOpportunityInstance
            d.end(); // specifies
            d.end(); // learningOpportunitySpecification
            d.end(); // recognitionResult
            d.end(); // resultOfRecognition

            d.leaf("issueDate", ElmoXml.dateTime(r.generatedAt()));
            d.end(); // report
            d.end(); // elmo
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("The ELMO document could not be written", e);
        }
        return out.append('\n').toString();
    }

    private static void learner(Doc d, Learner l) throws XMLStreamException {
        d.start("learner");
        if (l != null && l.studentNumber() != null && !l.studentNumber().isBlank()) d.leaf("identifier", l.studentNumber(), null, "studentNumber");
        String[] names = names(l == null ? null : l.name());
        d.leaf("givenNames", names[0]);
        d.leaf("familyName", names[1]);
        d.leaf("alternativeName", l == null || l.name() == null ? "" : l.name().strip());
        d.end();
    }

    private static void issuer(Doc d, Institution i, String publicUrl) throws XMLStreamException {
        d.start("issuer");
        d.leaf("country", "NL");
        if (present(i.schacHome())) d.leaf("identifier", i.schacHome(), null, "schac");
        d.leaf("identifier", i.code(), null, "registryInstitutionCode");
        if (present(i.brin())) d.leaf("identifier", i.brin(), null, "brin");
        d.leaf("title", present(i.name()) ? i.name() : i.code());
        d.leaf("url", present(i.website()) ? i.website() : publicUrl + "/api/institutions/" + i.code());
        d.end();
    }

    private static void microCredential(Doc d, String publicUrl, MicroCredential m, Learner l) throws XMLStreamException {
        d.start("learningOpportunitySpecification");
        if (present(m.courseCode())) d.leaf("identifier", m.courseCode(), null, "local");
        d.leaf("identifier", achievementUrl(publicUrl, m.programmeId(), m.version()), null, "achievement");
        d.leaf("identifier", m.programmeId(), null, "registryProgramme");
        if (present(m.badgeClassUrl())) d.leaf("identifier", m.badgeClassUrl(), null, "edubadgesBadgeClass");
        boolean titled = false;
        if (present(m.titleEn())) {
            d.leaf("title", m.titleEn(), "en");
            titled = true;
        }
        if (present(m.titleNl())) {
            d.leaf("title", m.titleNl(), "nl");
            titled = true;
        }
        if (!titled) d.leaf("title", "Micro-credential " + m.programmeId());
        d.leaf("type", "Course");
        if (present(m.iscedField())) d.leaf("iscedCode", m.iscedField());
        d.leaf("url", publicUrl + "/catalogue/programme.xhtml?id=" + m.programmeId());
        d.leaf("description", "Version " + m.version() + " of a micro-credential registered in the Dutch micro-credential pilot", "en");
        d.start("specifies");
        d.start("learningOpportunityInstance");
        if (l != null && present(l.evidenceUrl())) d.leaf("identifier", l.evidenceUrl(), null, "edubadgesAssertion");
        d.leaf("date", ElmoXml.date(m.awardedOn()));
        d.leaf("status", "passed");
        if (m.ects() != null) credit(d, m.ects());
        if (m.eqfLevel() != null) level(d, "EQF", String.valueOf(m.eqfLevel()));
        if (present(m.nlqfLevel())) level(d, "NLQF", m.nlqfLevel());
        d.end(); // learningOpportunityInstance
        d.end(); // specifies
        d.end(); // learningOpportunitySpecification
    }

    private static void credit(Doc d, BigDecimal ects) throws XMLStreamException {
        d.start("credit");
        d.leaf("scheme", "ects");
        d.leaf("value", ects.stripTrailingZeros().toPlainString());
        d.end();
    }

    private static void level(Doc d, String type, String value) throws XMLStreamException {
        d.start("level");
        d.leaf("type", type);
        d.leaf("value", value);
        d.end();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** Indented element-only content; texts always cleaned for XML 1.0. */
    private static final class Doc {
        private final XMLStreamWriter x;
        int depth;

        Doc(XMLStreamWriter x) {
            this.x = x;
        }

        private void indent() throws XMLStreamException {
            x.writeCharacters("\n" + "  ".repeat(depth));
        }

        void start(String name) throws XMLStreamException {
            indent();
            x.writeStartElement(ElmoXml.NS, name);
            depth++;
        }

        void end() throws XMLStreamException {
            depth--;
            indent();
            x.writeEndElement();
        }

        void leaf(String name, String text) throws XMLStreamException {
            leaf(name, text, null, null);
        }

        void leaf(String name, String text, String lang) throws XMLStreamException {
            leaf(name, text, lang, null);
        }

        void leaf(String name, String text, String lang, String type) throws XMLStreamException {
            indent();
            x.writeStartElement(ElmoXml.NS, name);
            if (type != null) x.writeAttribute("type", type);
            if (lang != null) x.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", lang);
            x.writeCharacters(ElmoXml.text(text));
            x.writeEndElement();
        }
    }
}
