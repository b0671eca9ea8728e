package nl.microcredentials.registry.programmes.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PilotRulesTest {

    private final PilotRules rules = PilotRules.defaults();

    @Test
    void defaultsAreThePilotsPublishedBounds() {
        assertThat(rules.minEcts()).isEqualByComparingTo("3");
        assertThat(rules.maxEcts()).isEqualByComparingTo("30");
        assertThat(rules.hoursPerEc()).isEqualTo(28);
        assertThat(rules.experimentMinEcts()).isEqualByComparingTo("1");
        assertThat(rules.experimentFrom()).isEqualTo(LocalDate.of(2025, 5, 1));
        assertThat(rules.experimentUntil()).isEqualTo(LocalDate.of(2027, 4, 30));
        assertThat(rules.notBefore()).isEqualTo(LocalDate.of(2023, 1, 1));
    }

    @Test
    void hoursAre84To840AndFrom28InTheExperiment() {
        assertThat(rules.minHours(false)).isEqualTo(84);
        assertThat(rules.minHours(true)).isEqualTo(28);
        assertThat(rules.maxHours()).isEqualTo(840);
    }

    @Test
    void minHoursRoundUp() {
        PilotRules halves = new PilotRules(new BigDecimal("2.5"), new BigDecimal("30"), 25, new BigDecimal("0.5"),
                rules.experimentFrom(), rules.experimentUntil(), rules.notBefore());
        assertThat(halves.minHours(false)).isEqualTo(63); // 62.5
        assertThat(halves.minHours(true)).isEqualTo(13); // 12.5
        assertThat(halves.maxHours()).isEqualTo(750);
    }

    @ParameterizedTest
    @CsvSource({"1, 28", "3, 84", "5, 140", "7.5, 210", "30, 840", "0.1, 3", "2.5, 70"})
    void defaultStudyHoursAre28PerEc(String ects, int hours) {
        assertThat(rules.defaultStudyHours(new BigDecimal(ects))).isEqualTo(hours);
    }

    @Test
    void defaultStudyHoursRoundHalfUp() {
        PilotRules per25 = new PilotRules(rules.minEcts(), rules.maxEcts(), 25, rules.experimentMinEcts(),
                rules.experimentFrom(), rules.experimentUntil(), rules.notBefore());
        assertThat(per25.defaultStudyHours(new BigDecimal("2.5"))).isEqualTo(63); // 62.5
        assertThat(per25.defaultStudyHours(new BigDecimal("2.4"))).isEqualTo(60);
        assertThat(per25.defaultStudyHours(new BigDecimal("0.1"))).isEqualTo(3); // 2.5
    }

    @ParameterizedTest
    @CsvSource({"2025-04-30, false", "2025-05-01, true", "2026-01-15, true", "2027-04-30, true", "2027-05-01, false",
            "2023-01-01, false"})
    void theExperimentWindowIsInclusive(LocalDate date, boolean inside) {
        assertThat(rules.inExperimentWindow(date)).isEqualTo(inside);
    }

    @Test
    void noDateIsOutsideTheWindow() {
        assertThat(rules.inExperimentWindow(null)).isFalse();
    }

    @Test
    void inconsistentBoundsAreRejected() {
        assertThatThrownBy(() -> new PilotRules(new BigDecimal("31"), new BigDecimal("30"), 28, BigDecimal.ONE,
                rules.experimentFrom(), rules.experimentUntil(), rules.notBefore()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minEcts > maxEcts");
        assertThatThrownBy(() -> new PilotRules(rules.minEcts(), rules.maxEcts(), 0, BigDecimal.ONE,
                rules.experimentFrom(), rules.experimentUntil(), rules.notBefore()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("hoursPerEc must be positive: 0");
        assertThatThrownBy(() -> new PilotRules(rules.minEcts(), rules.maxEcts(), 28, BigDecimal.ONE,
                rules.experimentUntil(), rules.experimentFrom(), rules.notBefore()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("experimentFrom > experimentUntil");
    }
}
