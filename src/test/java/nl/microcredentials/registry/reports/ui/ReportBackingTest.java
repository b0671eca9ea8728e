package nl.microcredentials.registry.reports.ui;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ReportBackingTest {

    @Test
    void anInstitutionNameCannotCloseTheChartScript() {
        String name = "Hogeschool </script><script>alert(1)</script>";
        String chart = ReportBacking.config("bar", Json.createArrayBuilder().add(name), Json.createArrayBuilder(), Json.createObjectBuilder());
        assertThat(chart).doesNotContain("</", "<script");
        try (var reader = Json.createReader(new StringReader(chart))) {
            assertThat(reader.readObject().getJsonObject("data").getJsonArray("labels").getString(0)).isEqualTo(name);
        }
    }
}
