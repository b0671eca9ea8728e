package nl.microcredentials.registry.reports.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Percentiles as PostgreSQL's percentile_cont computes them, from histograms that merge. */
class LeadTimesTest {

    private static LeadTimes of(int... days) {
        LeadTimes t = new LeadTimes();
        for (int d : days) t.add(d, 1);
        return t;
    }

    @Test
    void noDecisionsHaveNoPercentiles() {
        LeadTimes empty = new LeadTimes();
        assertThat(empty.median()).isNull();
        assertThat(empty.p90()).isNull();
        assertThat(empty.count()).isZero();
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertThat(of(17).median()).isEqualByComparingTo("17");
        assertThat(of(17).p90()).isEqualByComparingTo("17");
    }

    @Test
    void oddCountMedianIsTheMiddleValue() {
        assertThat(of(30, 10, 20).median()).isEqualByComparingTo("20");
    }

    @Test
    void evenCountMedianInterpolates() {
        // percentile_cont(0.5) of {10, 20, 25, 40} = 20 + 0.5 * (25 - 20)
        assertThat(of(10, 20, 25, 40).median()).isEqualByComparingTo("22.5");
    }

    @Test
    void p90InterpolatesLikePercentileCont() {
        // 1..10: position 0.9 * 9 = 8.1 -> 9 + 0.1 * (10 - 9) = 9.1
        assertThat(of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).p90()).isEqualByComparingTo("9.1");
        // {5, 12, 30, 56, 70}: position 3.6 -> 56 + 0.6 * 14 = 64.4
        assertThat(of(5, 12, 30, 56, 70).p90()).isEqualByComparingTo("64.4");
    }

    @Test
    void repeatedValuesCountWithTheirMultiplicity() {
        LeadTimes t = new LeadTimes();
        t.add(10, 3);
        t.add(50, 1);
        assertThat(t.count()).isEqualTo(4);
        // {10, 10, 10, 50}: median 10, p90 position 2.7 -> 10 + 0.7 * 40 = 38
        assertThat(t.median()).isEqualByComparingTo("10");
        assertThat(t.p90()).isEqualByComparingTo("38.0");
    }

    @Test
    void mergedHistogramsGiveThePercentilesOfTheUnion() {
        LeadTimes a = of(1, 2, 3);
        LeadTimes b = of(100, 200);
        LeadTimes all = new LeadTimes();
        all.addAll(a);
        all.addAll(b);
        assertThat(all.median()).isEqualByComparingTo("3");
        assertThat(all.median()).isEqualByComparingTo(of(1, 2, 3, 100, 200).median());
        // not the median of the medians
        assertThat(all.median()).isNotEqualByComparingTo(new BigDecimal("76"));
    }

    @Test
    void roundsHalfUpToOneDecimal() {
        // {1, 2}: p = 0.25 -> 1.25 -> 1.3
        assertThat(of(1, 2).percentile(0.25)).isEqualByComparingTo("1.3");
    }

    @Test
    void bandsCoverEveryDayOnceWithBoundsInclusive() {
        LeadTimes t = of(0, 7, 8, 14, 15, 28, 29, 42, 43, 56, 57, 84, 85, 400);
        assertThat(t.bands()).containsExactly(
                java.util.Map.entry("0-7", 2L), java.util.Map.entry("8-14", 2L), java.util.Map.entry("15-28", 2L),
                java.util.Map.entry("29-42", 2L), java.util.Map.entry("43-56", 2L), java.util.Map.entry("57-84", 2L),
                java.util.Map.entry("85+", 2L));
    }

    @Test
    void percentileOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> of(1).percentile(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
