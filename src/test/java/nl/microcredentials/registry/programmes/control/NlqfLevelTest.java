package nl.microcredentials.registry.programmes.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class NlqfLevelTest {

    @Test
    void codesAreInFrameworkOrder() {
        assertThat(NlqfLevel.codes()).containsExactly("ENTRY", "1", "2", "3", "4", "4+", "5", "6", "7", "8");
    }

    @ParameterizedTest
    @CsvSource({"ENTRY, ENTRY", "entry, ENTRY", "1, L1", "2, L2", "3, L3", "4, L4", "4+, L4_PLUS", "5, L5", "6, L6",
            "7, L7", "8, L8"})
    void parsesEveryCode(String code, NlqfLevel level) {
        assertThat(NlqfLevel.parse(code)).contains(level);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "9", "0", "Entry", "ENTRY ", "4 +", "4plus", "L4", "EQF6", "six"})
    void rejectsAnythingElse(String code) {
        assertThat(NlqfLevel.parse(code)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"L1, 1", "L2, 2", "L3, 3", "L4, 4", "L4_PLUS, 4", "L5, 5", "L6, 6", "L7, 7", "L8, 8"})
    void eachLevelHasItsEqfLevel(NlqfLevel level, int eqf) {
        assertThat(level.eqf()).isEqualTo(eqf);
    }

    @Test
    void entryLevelHasNoEqfLevel() {
        assertThat(NlqfLevel.ENTRY.eqf()).isNull();
        assertThat(NlqfLevel.ENTRY.code()).isEqualTo("ENTRY");
        assertThat(NlqfLevel.L4_PLUS.code()).isEqualTo("4+");
    }

    @Test
    void eqfLevelsSpanOneToEight() {
        assertThat(NlqfLevel.EQF_MIN).isEqualTo(1);
        assertThat(NlqfLevel.EQF_MAX).isEqualTo(8);
    }
}
