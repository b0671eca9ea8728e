package nl.microcredentials.registry.reports.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Days from receipt to decision, as a histogram (days -> number of decisions) that the database aggregates. Medians and
 * percentiles do not add up over institutions, but histograms do: sector and consortium figures merge the institutions'
 * histograms and compute their percentiles exactly from the merged one.
 *
 * <p>Percentiles follow PostgreSQL's {@code percentile_cont}: the value at position {@code p * (n - 1)} of the sorted
 * values, linearly interpolated between its neighbours; rounded half-up to one decimal.
 */
public final class LeadTimes {

    /** Bands of the lead-time distribution chart, upper bounds inclusive, in days. */
    public static final int[] BAND_UPPER_BOUNDS = {7, 14, 28, 42, 56, 84};

    private final NavigableMap<Integer, Long> counts = new TreeMap<>();
    private long total;

    public void add(int days, long count) {
        if (count <= 0) return;
        counts.merge(days, count, Long::sum);
        total += count;
    }

    public void addAll(LeadTimes other) {
        other.counts.forEach(this::add);
    }

    public long count() {
        return total;
    }

    public BigDecimal median() {
        return percentile(0.5);
    }

    public BigDecimal p90() {
        return percentile(0.9);
    }

    /** The continuous percentile {@code p} (0..1), or null without values. */
    public BigDecimal percentile(double p) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("p must be within 0..1");
        if (total == 0) return null;
        double position = p * (total - 1);
        long lowerIndex = (long) Math.floor(position);
        long upperIndex = (long) Math.ceil(position);
        double lower = valueAt(lowerIndex);
        double upper = valueAt(upperIndex);
        double value = lower + (upper - lower) * (position - lowerIndex);
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }

    /** The value at a 0-based index of the sorted values. */
    private int valueAt(long index) {
        long seen = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (index < seen) return e.getKey();
        }
        throw new IllegalStateException("index beyond the histogram");
    }

    /** The distribution over {@link #BAND_UPPER_BOUNDS}, ordered, every band present: "0-7", "8-14", ..., "85+". */
    public Map<String, Long> bands() {
        Map<String, Long> bands = new java.util.LinkedHashMap<>();
        int lower = 0;
        for (int upper : BAND_UPPER_BOUNDS) {
            bands.put(lower + "-" + upper, sum(lower, upper));
            lower = upper + 1;
        }
        bands.put(lower + "+", sum(lower, Integer.MAX_VALUE));
        return bands;
    }

    private long sum(int from, int to) {
        return counts.subMap(from, true, to, true).values().stream().mapToLong(Long::longValue).sum();
    }
}
