package nl.microcredentials.registry.exemptions.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The fingerprint behind an Idempotency-Key: the same request whatever its spelling, another request otherwise. */
class ExemptionInputFingerprintTest {

    static ExemptionInput input(String name, String ects, String motivation) {
        return new ExemptionInput(new ExemptionInput.Learner(name, "l@student.invalid", "s1234567"), "programme-1", null,
                LocalDate.of(2026, 6, 30), null, new ExemptionInput.Course("CSE2110", "Algorithms", new BigDecimal(ects)), "BSc", motivation);
    }

    @Test
    void theSameRequestHasTheSameFingerprintWhateverItsSpelling() {
        assertThat(input("Jan Jansen", "5", "covered").fingerprint())
                .hasSize(64).matches("[0-9a-f]{64}")
                .isEqualTo(input("  Jan Jansen ", "5.0", "covered").fingerprint());
        // an absent and a blank optional field are the same
        assertThat(input("Jan", "5", null).fingerprint()).isEqualTo(input("Jan", "5", "  ").fingerprint());
    }

    @Test
    void anotherRequestHasAnotherFingerprint() {
        String base = input("Jan Jansen", "5", "covered").fingerprint();
        assertThat(input("Piet Jansen", "5", "covered").fingerprint()).isNotEqualTo(base);
        assertThat(input("Jan Jansen", "6", "covered").fingerprint()).isNotEqualTo(base);
        assertThat(input("Jan Jansen", "5", "other").fingerprint()).isNotEqualTo(base);
        // a value moved to another field is another request
        var moved = new ExemptionInput(new ExemptionInput.Learner("Jan Jansen", "l@student.invalid", "s1234567"), "programme-1", null,
                LocalDate.of(2026, 6, 30), null, new ExemptionInput.Course("CSE2110", "Algorithms", new BigDecimal("5")), "covered", "BSc");
        assertThat(moved.fingerprint()).isNotEqualTo(base);
        var withVersion = new ExemptionInput(new ExemptionInput.Learner("Jan Jansen", "l@student.invalid", "s1234567"), "programme-1", 2,
                LocalDate.of(2026, 6, 30), null, new ExemptionInput.Course("CSE2110", "Algorithms", new BigDecimal("5")), "BSc", "covered");
        assertThat(withVersion.fingerprint()).isNotEqualTo(base);
    }

    @Test
    void anEmptyBodyHasAFingerprintToo() {
        assertThat(new ExemptionInput(null, null, null, null, null, null, null, null).fingerprint()).hasSize(64);
    }
}
