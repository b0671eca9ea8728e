package nl.microcredentials.registry.exemptions.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import nl.microcredentials.registry.exemptions.entity.DecisionOutcome;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.RegistryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading ELMO: the registry's own documents read back to the same micro-credential, a home institution's transcript
 * is read with its issuer and learning opportunities, invalid documents are 400s naming the element path, and hostile
 * XML is refused without resolving anything (a local listener counts connection attempts) or running out of memory.
 */
class ElmoReaderTest {

    private static final String NS = ElmoXml.NS;

    /** A home institution's ELMO transcript (EMREX) with a programme whose part is the micro-credential. */
    static String transcript(String losIdentifiers, String instance) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <elmo xmlns="%s">
                  <generatedDate>2026-02-01T09:00:00+01:00</generatedDate>
                  <learner>
                    <identifier type="esi">urn:schac:personalUniqueCode:int:esi:leidenuniv.nl:s7654321</identifier>
                    <givenNames>Sanne</givenNames>
                    <familyName>van der Berg</familyName>
                    <alternativeName/>
                  </learner>
                  <report>
                    <issuer>
                      <country>NL</country>
                      <identifier type="schac">leidenuniv.nl</identifier>
                      <title xml:lang="nl">Universiteit Leiden</title>
                      <url>https://www.universiteitleiden.nl</url>
                    </issuer>
                    <learningOpportunitySpecification>
                      <identifier type="local">LEI-PROF</identifier>
                      <title xml:lang="en">Professional education</title>
                      <specifies><learningOpportunityInstance><date>2026-01-30</date></learningOpportunityInstance></specifies>
                      <hasPart>
                        <learningOpportunitySpecification>
                          %s
                          <title xml:lang="en">Data Science for Professionals</title>
                          <type>Course</type>
                          <specifies>
                            <learningOpportunityInstance>
                              %s
                            </learningOpportunityInstance>
                          </specifies>
                        </learningOpportunitySpecification>
                      </hasPart>
                    </learningOpportunitySpecification>
                    <issueDate>2026-02-01T09:00:00+01:00</issueDate>
                  </report>
                </elmo>
                """.formatted(NS, losIdentifiers, instance);
    }

    static final String PASSED = "<date>2026-01-30</date><status>passed</status><credit><scheme>ects</scheme><value>5.0</value></credit>"
            + "<level><type>EQF</type><value>6</value></level>";

    private static ElmoReader.Document read(String xml) {
        return ElmoReader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static List<FieldError> refused(String xml) {
        try {
            read(xml);
        } catch (RegistryException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.errors();
        }
        throw new AssertionError("accepted: " + xml.substring(0, Math.min(200, xml.length())));
    }

    @Test
    void theRegistrysOwnDocumentReadsBackToTheSameMicroCredential() {
        for (DecisionOutcome outcome : DecisionOutcome.values()) {
            ElmoWriter.Recognition r = ElmoWriterTest.recognition(outcome, true);
            String xml = ElmoWriter.write(r);
            assertThat(ElmoSchema.errors(xml)).isEmpty();
            ElmoReader.Document d = read(xml);
            assertThat(d.learnerName()).isEqualTo("Sanne van der Berg");
            assertThat(d.opportunities()).as("the basis only, never the recognition result (the target course)").hasSize(1);
            ElmoReader.Opportunity o = d.opportunities().get(0);
            assertThat(ElmoReader.programmeRef(o)).contains(new ElmoReader.ProgrammeRef(ElmoWriterTest.PROGRAMME, 2));
            assertThat(o.issuer().values("schac")).containsExactly("leidenuniv.nl");
            assertThat(o.issuer().values("registryInstitutionCode")).containsExactly("universiteit-leiden");
            assertThat(o.values("local")).containsExactly("MC-DATA-01");
            assertThat(o.date()).isEqualTo(LocalDate.of(2026, 1, 30));
            assertThat(o.status()).isEqualTo("passed");
            assertThat(o.ects()).isEqualByComparingTo("5");
            assertThat(o.eqfLevel()).isEqualTo("6");
            assertThat(o.path()).isEqualTo("/elmo/report[1]/resultOfRecognition[1]/recognitionBasis[1]/recognitionReport[1]/learningOpportunitySpecification[1]");
            assertThat(d.text()).isEqualTo(xml);
        }
    }

    @Test
    void aHomeInstitutionsTranscriptIsReadWithItsIssuerAndItsParts() {
        String xml = transcript("<identifier type=\"local\">MC-DATA-01</identifier>", PASSED);
        assertThat(ElmoSchema.errors(xml)).as("the fixture itself is valid ELMO").isEmpty();
        ElmoReader.Document d = read(xml);
        assertThat(d.givenNames()).isEqualTo("Sanne");
        assertThat(d.familyName()).isEqualTo("van der Berg");
        assertThat(d.opportunities()).hasSize(2);
        ElmoReader.Opportunity mc = d.opportunities().get(1);
        assertThat(mc.path()).isEqualTo("/elmo/report[1]/learningOpportunitySpecification[1]/hasPart[1]/learningOpportunitySpecification[1]");
        assertThat(mc.issuer().values("SCHAC")).containsExactly("leidenuniv.nl");
        assertThat(mc.values("local")).containsExactly("MC-DATA-01");
        assertThat(mc.ects()).isEqualByComparingTo(new BigDecimal("5"));
        assertThat(mc.datePath()).isEqualTo(mc.path() + "/specifies/learningOpportunityInstance/date");
        assertThat(ElmoReader.programmeRef(mc)).isEmpty();
    }

    @Test
    void registryReferencesAreFoundInIdentifiersAndUrls() {
        String id = "0b6c1f2e-4a8d-4c3b-9e71-5d2a8f6b1c90";
        assertThat(ElmoReader.programmeRef("https://r.example/api/programmes/" + id + "/versions/3/achievement?lang=nl"))
                .contains(new ElmoReader.ProgrammeRef(id, 3));
        assertThat(ElmoReader.programmeRef("https://r.example/api/programmes/" + id.toUpperCase())).contains(new ElmoReader.ProgrammeRef(id, null));
        assertThat(ElmoReader.programmeRef("https://r.example/api/programmes/" + id + "/achievement")).contains(new ElmoReader.ProgrammeRef(id, null));
        assertThat(ElmoReader.programmeRef("https://r.example/catalogue/programme.xhtml?id=" + id)).contains(new ElmoReader.ProgrammeRef(id, null));
        assertThat(ElmoReader.programmeRef("urn:uuid:" + id)).contains(new ElmoReader.ProgrammeRef(id, null));
        assertThat(ElmoReader.programmeRef(id)).contains(new ElmoReader.ProgrammeRef(id, null));
        assertThat(ElmoReader.programmeRef("MC-DATA-01")).isEmpty();
        assertThat(ElmoReader.programmeRef("https://r.example/api/programmes/not-a-uuid")).isEmpty();
    }

    @Test
    void invalidDocumentsAreRefusedNamingTheElementPath() {
        assertThat(refused("<elmo/>")).extracting(FieldError::field).containsExactly("/elmo");
        assertThat(refused("<elmo xmlns=\"urn:other\"/>").get(0).message()).contains("ELMO namespace");
        assertThat(refused("<elmo xmlns=\"" + NS + "\"><generatedDate>x</generatedDate></elmo>")).extracting(FieldError::field)
                .containsExactly("/elmo/learner", "/elmo/report");
        String badDate = transcript("<identifier type=\"local\">MC</identifier>", "<date>30-01-2026</date><credit><scheme>ects</scheme><value>five</value></credit>");
        assertThat(refused(badDate)).extracting(FieldError::field).containsExactly(
                "/elmo/report[1]/learningOpportunitySpecification[1]/hasPart[1]/learningOpportunitySpecification[1]/specifies/learningOpportunityInstance/date",
                "/elmo/report[1]/learningOpportunitySpecification[1]/hasPart[1]/learningOpportunitySpecification[1]/specifies/learningOpportunityInstance/credit[1]/value");
        assertThat(refused(transcript("<identifier>MC</identifier>", PASSED))).extracting(FieldError::field)
                .containsExactly("/elmo/report[1]/learningOpportunitySpecification[1]/hasPart[1]/learningOpportunitySpecification[1]/identifier[1]/@type",
                        "/elmo/report[1]/learningOpportunitySpecification[1]/hasPart[1]/learningOpportunitySpecification[1]/identifier");
        String noIssuer = transcript("<identifier type=\"local\">MC</identifier>", PASSED).replaceAll("(?s)<issuer>.*</issuer>", "");
        assertThat(refused(noIssuer)).extracting(FieldError::field).containsExactly("/elmo/report[1]/issuer");
        List<FieldError> broken = refused(transcript("<identifier type=\"local\">MC</identifier>", PASSED).replace("</familyName>", "</family>"));
        assertThat(broken).hasSize(1);
        assertThat(broken.get(0).field()).isEqualTo("/elmo/learner/familyName");
        assertThat(broken.get(0).message()).contains("not well-formed", "line 7");
        assertThat(refused("not xml at all").get(0).field()).isEqualTo("/");
        assertThat(refused("{\"learner\": {}}").get(0).field()).isEqualTo("/");
        assertThatThrownBy(() -> ElmoReader.read(new byte[0])).isInstanceOf(RegistryException.class);
    }

    // ---- hostile XML ---------------------------------------------------------------------------------------------

    private ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();
    private Thread acceptor;

    @BeforeEach
    void listen() throws Exception {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(200);
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (var s = listener.accept()) {
                    connections.incrementAndGet();
                } catch (SocketTimeoutException e) {
                    // keep listening
                } catch (Exception e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws Exception {
        listener.close();
        acceptor.join(2000);
    }

    /** Hostile documents: each refused with a 400 (or 413 for size), nothing fetched, nothing leaked into what is read. */
    @Test
    void hostileXmlIsRefusedWithoutResolvingAnythingOrRunningOutOfMemory() throws Exception {
        String local = "http://127.0.0.1:" + listener.getLocalPort() + "/";
        Path secret = Files.createTempFile("elmo-secret", ".txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String body = "<learner><givenNames>&x;</givenNames><familyName>a</familyName><alternativeName/></learner>";
        List<String> hostile = new ArrayList<>(List.of(
                // XXE: an external general entity (file), over HTTP, a parameter entity with an external DTD
                "<?xml version=\"1.0\"?><!DOCTYPE elmo [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><elmo xmlns=\"" + NS + "\">" + body + "</elmo>",
                "<?xml version=\"1.0\"?><!DOCTYPE elmo [<!ENTITY x SYSTEM \"" + local + "x\">]><elmo xmlns=\"" + NS + "\">" + body + "</elmo>",
                "<?xml version=\"1.0\"?><!DOCTYPE elmo [<!ENTITY % p SYSTEM \"" + local + "p.dtd\"> %p;]><elmo xmlns=\"" + NS + "\"/>",
                "<?xml version=\"1.0\"?><!DOCTYPE elmo SYSTEM \"" + local + "elmo.dtd\"><elmo xmlns=\"" + NS + "\"/>",
                "<?xml version=\"1.0\"?><!DOCTYPE elmo PUBLIC \"-//X//Y\" \"" + local + "public.dtd\"><elmo xmlns=\"" + NS + "\"/>",
                // entity expansion: billion laughs and quadratic blow-up
                billionLaughs(),
                "<?xml version=\"1.0\"?><!DOCTYPE elmo [<!ENTITY x \"" + "a".repeat(50_000) + "\">]><elmo xmlns=\"" + NS + "\">" + body.replace("&x;", "&x;".repeat(20_000)) + "</elmo>",
                // an undeclared entity without any DOCTYPE
                "<elmo xmlns=\"" + NS + "\">" + body + "</elmo>",
                // deep nesting and too many elements (each under 1 MiB)
                "<elmo xmlns=\"" + NS + "\">" + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</elmo>",
                "<elmo xmlns=\"" + NS + "\"><extension>" + "<b/>".repeat(100_000) + "</extension></elmo>",
                // two roots, a DOCTYPE inside the document
                "<elmo xmlns=\"" + NS + "\"/><elmo xmlns=\"" + NS + "\"/>"));
        int sent = 0;
        for (String xml : hostile) {
            long started = System.nanoTime();
            List<FieldError> errors = refused(xml);
            sent++;
            assertThat(errors).as(xml.substring(0, Math.min(120, xml.length()))).isNotEmpty();
            assertThat(errors.toString()).doesNotContain("TOP-SECRET-CONTENT");
            System.out.println("ElmoReaderTest: refused " + errors.get(0).field() + ": " + abbreviate(errors.get(0).message()));
            assertThat((System.nanoTime() - started) / 1_000_000).as("refused quickly").isLessThan(5_000);
        }
        // XInclude and xsi:schemaLocation are not processed: the document reads, nothing is fetched or included
        String xinclude = transcript("<identifier type=\"local\">MC</identifier>", PASSED)
                .replace("<givenNames>Sanne</givenNames>", "<givenNames>Sanne<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                        + secret.toUri() + "\" parse=\"text\"/><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + local + "inc\" parse=\"text\"/></givenNames>")
                .replace("<elmo xmlns=\"" + NS + "\">", "<elmo xmlns=\"" + NS + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\""
                        + NS + " " + local + "elmo.xsd\">");
        ElmoReader.Document d = read(xinclude);
        sent++;
        assertThat(d.givenNames()).isEqualTo("Sanne").doesNotContain("TOP-SECRET");
        // huge: above 1 MiB is a 413 before parsing, from a stream too
        byte[] huge = ("<elmo xmlns=\"" + NS + "\">" + " ".repeat(ElmoXml.MAX_BYTES) + "</elmo>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ElmoReader.read(huge)).isInstanceOf(RegistryException.class).extracting("status").isEqualTo(413);
        assertThatThrownBy(() -> ElmoReader.bytes(new ByteArrayInputStream(huge))).isInstanceOf(RegistryException.class).extracting("status").isEqualTo(413);
        assertThatThrownBy(() -> ElmoReader.bytes(new java.io.InputStream() { // endless, as a chunked body without Content-Length could be
            @Override public int read() { return 'a'; }
        })).isInstanceOf(RegistryException.class).extracting("status").isEqualTo(413);
        sent += 3;
        Thread.sleep(300);
        assertThat(connections.get()).as("connections to the local listener").isZero();
        System.out.println("ElmoReaderTest: " + sent + " hostile inputs refused or defused, " + connections.get() + " connection attempts");
        Files.deleteIfExists(secret);
    }

    private static String abbreviate(String s) {
        return s.length() > 140 ? s.substring(0, 140) + "..." : s;
    }

    private static String billionLaughs() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE elmo [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) b.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        return b.append("]><elmo xmlns=\"").append(NS).append("\"><learner><givenNames>&l9;</givenNames></learner></elmo>").toString();
    }

    @Test
    void theWritersTextCleaningKeepsWhatXmlCarriesAndReplacesTheRest() {
        assertThat(ElmoXml.text("a\u0000b\u0001c\tq\nr\rs\uD83C\uDF93\uD800x\uFFFE\uFFFF")).isEqualTo("a\uFFFDb\uFFFDc\tq\nr\rs\uD83C\uDF93\uFFFDx\uFFFD\uFFFD");
        assertThat(ElmoXml.text("plain")).isSameAs("plain");
        assertThat(ElmoXml.date(LocalDate.of(12345, 1, 2))).isEqualTo("12345-01-02");
        assertThat(ElmoXml.date(LocalDate.of(7, 1, 2))).isEqualTo("0007-01-02");
    }
}
