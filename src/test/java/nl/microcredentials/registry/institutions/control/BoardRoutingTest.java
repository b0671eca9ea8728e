package nl.microcredentials.registry.institutions.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.microcredentials.registry.institutions.control.BoardRouting.Scope;
import org.junit.jupiter.api.Test;

class BoardRoutingTest {

    private final List<Scope> boards = List.of(
            new Scope("default", List.of("EX"), true),
            new Scope("eemcs", List.of("CSE", "TI"), false),
            new Scope("cse-minor", List.of("CSE2"), false));

    @Test
    void longestMatchingPrefixWins() {
        assertThat(BoardRouting.route(boards, "CSE1100")).contains("eemcs");
        assertThat(BoardRouting.route(boards, "CSE2000")).contains("cse-minor");
        assertThat(BoardRouting.route(boards, "TI3110")).contains("eemcs");
        assertThat(BoardRouting.route(boards, "EX101")).contains("default");
    }

    @Test
    void matchingIgnoresCaseAndSurroundingSpace() {
        assertThat(BoardRouting.route(boards, "  cse1100 ")).contains("eemcs");
    }

    @Test
    void unmatchedOrMissingCourseCodeGoesToTheDefaultBoard() {
        assertThat(BoardRouting.route(boards, "AR1A010")).contains("default");
        assertThat(BoardRouting.route(boards, null)).contains("default");
        assertThat(BoardRouting.route(boards, "")).contains("default");
    }

    @Test
    void noBoardsMeansNoRoute() {
        assertThat(BoardRouting.route(List.of(), "CSE1100")).isEmpty();
        assertThat(BoardRouting.route(List.of(new Scope("x", List.of("A"), false)), "B1")).isEmpty();
    }

    @Test
    void clashesAreFoundCaseInsensitively() {
        assertThat(BoardRouting.clashes(boards, List.of("cse", "AR"))).containsExactly("cse");
        assertThat(BoardRouting.clashes(boards, List.of("CS", "CSE3"))).isEmpty();
    }

    @Test
    void normaliseTrimsUppercasesAndDropsDuplicatesAndBlanks() {
        assertThat(BoardRouting.normalise(java.util.Arrays.asList(" cse ", "CSE", "", null, "ti"))).containsExactly("CSE", "TI");
        assertThat(BoardRouting.normalise(null)).isEmpty();
    }
}
