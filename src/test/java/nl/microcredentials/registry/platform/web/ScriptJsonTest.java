package nl.microcredentials.registry.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ScriptJsonTest {

    private static final String HOSTILE = "Hogeschool </script><script>alert(1)</script> & <!-- <![CDATA[ \u2028\u2029 \"quoted\" \\ end";

    @Test
    void aHostileNameCannotCloseTheScriptAndParsesBackUnchanged() throws Exception {
        JsonObject config = Json.createObjectBuilder()
                .add("data", Json.createObjectBuilder().add("labels", Json.createArrayBuilder().add(HOSTILE).add("TU Delft"))).build();
        String written = ScriptJson.of(config);
        assertThat(written).doesNotContain("</", "<", ">", "&", "\u2028", "\u2029");
        assertThat(written).contains("\\u003c/script\\u003e", "\\u0026", "\\u2028", "\\u2029");
        // the same value for a JSON parser (JSON-P and Jackson)
        try (var reader = Json.createReader(new StringReader(written))) {
            JsonObject back = reader.readObject();
            assertThat(back).isEqualTo(config);
            assertThat(back.getJsonObject("data").getJsonArray("labels").getString(0)).isEqualTo(HOSTILE);
        }
        assertThat(new ObjectMapper().readTree(written).at("/data/labels/0").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void jsonWithoutTheseCharactersIsUnchanged() {
        String plain = "{\"type\":\"bar\",\"data\":{\"labels\":[\"TU Delft\",\"Universiteit Leiden\"]}}";
        assertThat(ScriptJson.escape(plain)).isSameAs(plain);
        assertThat(ScriptJson.escape(null)).isNull();
        assertThat(ScriptJson.of(null)).isEqualTo("null");
        assertThat(ScriptJson.escape("\"a\\\\<b\"")).isEqualTo("\"a\\\\\\u003cb\"");
    }
}
