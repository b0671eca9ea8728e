package nl.microcredentials.registry.programmes.control;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The levels of the Dutch qualifications framework (NLQF) with the codes the API uses, and the EQF level each one
 * corresponds to (DOMAIN.md: "level: NLQF (entry level, 1..8, and 4+) and EQF (1..8)"). Entry level has no EQF
 * counterpart; 4+ is an NLQF level between 4 and 5 that maps to EQF 4. Declared in the order of the framework.
 */
public enum NlqfLevel {
    ENTRY("ENTRY", null),
    L1("1", 1),
    L2("2", 2),
    L3("3", 3),
    L4("4", 4),
    L4_PLUS("4+", 4),
    L5("5", 5),
    L6("6", 6),
    L7("7", 7),
    L8("8", 8);

    /** The lowest and highest EQF level. */
    public static final int EQF_MIN = 1;
    public static final int EQF_MAX = 8;

    private static final List<String> CODES = Arrays.stream(values()).map(NlqfLevel::code).toList();

    private final String code;
    private final Integer eqf;

    NlqfLevel(String code, Integer eqf) {
        this.code = code;
        this.eqf = eqf;
    }

    /** The API code: {@code ENTRY}, {@code 1}..{@code 8} or {@code 4+}. */
    public String code() {
        return code;
    }

    /** The corresponding EQF level, {@code null} for entry level. */
    public Integer eqf() {
        return eqf;
    }

    /** The level with this exact code; entry level is also accepted as {@code entry}. Empty for anything else. */
    public static Optional<NlqfLevel> parse(String code) {
        if (code == null) return Optional.empty();
        if ("entry".equals(code)) return Optional.of(ENTRY);
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
    }

    /** The codes in framework order: ENTRY, 1, 2, 3, 4, 4+, 5, 6, 7, 8. */
    public static List<String> codes() {
        return CODES;
    }
}
