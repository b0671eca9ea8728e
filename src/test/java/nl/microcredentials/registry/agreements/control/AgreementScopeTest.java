package nl.microcredentials.registry.agreements.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgreementScopeTest {

    private static final List<String> PARTIES = List.of("leiden", "delft");

    private static AgreementScope.Programme programme(String issuer, String ects, String nlqf) {
        return new AgreementScope.Programme("p1", issuer, new BigDecimal(ects), nlqf);
    }

    @Test
    void allProgrammesOfEveryPartyButNotOfOthers() {
        assertThat(AgreementScope.ALL_PROGRAMMES.covers(programme("leiden", "5", "6"), PARTIES)).isTrue();
        assertThat(AgreementScope.ALL_PROGRAMMES.covers(programme("hu", "5", "6"), PARTIES)).isFalse();
    }

    @Test
    void namedProgrammesOnly() {
        var scope = new AgreementScope(List.of("p1"), null, null, null, null, null);
        assertThat(scope.covers(programme("leiden", "5", "6"), PARTIES)).isTrue();
        assertThat(scope.covers(new AgreementScope.Programme("p2", "leiden", BigDecimal.TEN, "6"), PARTIES)).isFalse();
    }

    @Test
    void issuersAndInclusiveBounds() {
        var scope = new AgreementScope(null, List.of("delft"), "6", "7", new BigDecimal("5"), new BigDecimal("10"));
        assertThat(scope.covers(programme("delft", "5", "6"), PARTIES)).isTrue();
        assertThat(scope.covers(programme("delft", "10", "7"), PARTIES)).isTrue();
        assertThat(scope.covers(programme("leiden", "5", "6"), PARTIES)).as("not an issuer").isFalse();
        assertThat(scope.covers(programme("delft", "4.5", "6"), PARTIES)).isFalse();
        assertThat(scope.covers(programme("delft", "10.5", "6"), PARTIES)).isFalse();
        assertThat(scope.covers(programme("delft", "5", "5"), PARTIES)).isFalse();
        assertThat(scope.covers(programme("delft", "5", "8"), PARTIES)).isFalse();
    }

    @Test
    void nlqfFourPlusLiesBetweenFourAndFive() {
        var scope = new AgreementScope(null, null, "4+", "5", null, null);
        assertThat(scope.covers(programme("leiden", "5", "4"), PARTIES)).isFalse();
        assertThat(scope.covers(programme("leiden", "5", "4+"), PARTIES)).isTrue();
        assertThat(scope.covers(programme("leiden", "5", "5"), PARTIES)).isTrue();
        assertThat(scope.covers(programme("leiden", "5", "ENTRY"), PARTIES)).isFalse();
    }
}
