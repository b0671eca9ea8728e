package nl.microcredentials.registry.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** domain.xml is Payara Micro's whole configuration: it must parse, and keep what the cluster relies on. */
class DomainConfigTest {

    @Test
    void domainXmlParsesAndReplicatesSessionsOnTheDataGrid() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var document = factory.newDocumentBuilder().parse(Path.of("domain.xml").toFile());
        Element availability = (Element) document.getElementsByTagName("web-container-availability").item(0);
        assertThat(availability).as("web-container-availability").isNotNull();
        assertThat(availability.getAttribute("availability-enabled")).isEqualTo("true");
        assertThat(availability.getAttribute("persistence-type")).isEqualTo("hazelcast");
        assertThat(availability.getAttribute("persistence-scope")).isEqualTo("session");
    }
}
