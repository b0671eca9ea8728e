package nl.microcredentials.registry.exemptions.control;

import static nl.microcredentials.registry.exemptions.control.ExemptionWorkflow.Transition.APPEAL;
import static nl.microcredentials.registry.exemptions.control.ExemptionWorkflow.Transition.APPEAL_OUTCOME;
import static nl.microcredentials.registry.exemptions.control.ExemptionWorkflow.Transition.DECISION;
import static nl.microcredentials.registry.exemptions.control.ExemptionWorkflow.Transition.EXTEND;
import static nl.microcredentials.registry.exemptions.control.ExemptionWorkflow.Transition.INFORMATION_RECEIVED;
import static nl.microcredentials.registry.exemptions.control.ExemptionWorkflow.Transition.REQUEST_INFORMATION;
import static nl.microcredentials.registry.exemptions.control.ExemptionWorkflow.Transition.REROUTE;
import static nl.microcredentials.registry.exemptions.control.ExemptionWorkflow.Transition.REVIEW;
import static nl.microcredentials.registry.exemptions.control.ExemptionWorkflow.Transition.WITHDRAW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import nl.microcredentials.registry.exemptions.control.ExemptionWorkflow.Transition;
import nl.microcredentials.registry.exemptions.entity.ExemptionStatus;
import nl.microcredentials.registry.platform.rest.RegistryException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ExemptionWorkflowTest {

    @Test
    void theTransitionTable() {
        assertThat(ExemptionWorkflow.allowed(ExemptionStatus.SUBMITTED)).containsExactly(REVIEW, EXTEND, WITHDRAW, REROUTE);
        assertThat(ExemptionWorkflow.allowed(ExemptionStatus.IN_REVIEW)).containsExactly(REQUEST_INFORMATION, EXTEND, DECISION, WITHDRAW, REROUTE);
        assertThat(ExemptionWorkflow.allowed(ExemptionStatus.INFORMATION_REQUESTED)).containsExactly(INFORMATION_RECEIVED, EXTEND, WITHDRAW, REROUTE);
        assertThat(ExemptionWorkflow.allowed(ExemptionStatus.DECIDED)).containsExactly(APPEAL);
        assertThat(ExemptionWorkflow.allowed(ExemptionStatus.APPEALED)).containsExactly(APPEAL_OUTCOME);
        assertThat(ExemptionWorkflow.allowed(ExemptionStatus.WITHDRAWN)).isEmpty();
        assertThat(ExemptionWorkflow.allowed(ExemptionStatus.UPHELD)).isEmpty();
        assertThat(ExemptionWorkflow.allowed(ExemptionStatus.OVERTURNED)).isEmpty();
    }

    @Test
    void whereEachTransitionLeads() {
        assertThat(ExemptionWorkflow.target(ExemptionStatus.SUBMITTED, REVIEW, false)).isEqualTo(ExemptionStatus.IN_REVIEW);
        assertThat(ExemptionWorkflow.target(ExemptionStatus.IN_REVIEW, REQUEST_INFORMATION, false)).isEqualTo(ExemptionStatus.INFORMATION_REQUESTED);
        assertThat(ExemptionWorkflow.target(ExemptionStatus.INFORMATION_REQUESTED, INFORMATION_RECEIVED, false)).isEqualTo(ExemptionStatus.IN_REVIEW);
        assertThat(ExemptionWorkflow.target(ExemptionStatus.IN_REVIEW, DECISION, false)).isEqualTo(ExemptionStatus.DECIDED);
        assertThat(ExemptionWorkflow.target(ExemptionStatus.IN_REVIEW, EXTEND, false)).isEqualTo(ExemptionStatus.IN_REVIEW);
        assertThat(ExemptionWorkflow.target(ExemptionStatus.DECIDED, APPEAL, false)).isEqualTo(ExemptionStatus.APPEALED);
        assertThat(ExemptionWorkflow.target(ExemptionStatus.APPEALED, APPEAL_OUTCOME, true)).isEqualTo(ExemptionStatus.UPHELD);
        assertThat(ExemptionWorkflow.target(ExemptionStatus.APPEALED, APPEAL_OUTCOME, false)).isEqualTo(ExemptionStatus.OVERTURNED);
    }

    @ParameterizedTest
    @EnumSource(ExemptionStatus.class)
    void everyTransitionNotInTheTableIsAConflictNamingTheAllowedOnes(ExemptionStatus status) {
        for (Transition t : EnumSet.allOf(Transition.class)) {
            if (ExemptionWorkflow.allowed(status).contains(t)) continue;
            assertThatThrownBy(() -> ExemptionWorkflow.require(status, t)).isInstanceOfSatisfying(RegistryException.class, e -> {
                assertThat(e.status()).isEqualTo(409);
                assertThat(e.allowed()).containsExactlyElementsOf(ExemptionWorkflow.allowed(status).stream().map(Transition::apiName).toList());
                // a sentence in words, not the enum names
                assertThat(e.getMessage()).matches("[A-Z][a-z].* cannot be [a-z -]+ while (it|the request) is [a-z ]+; .+")
                        .doesNotContain(status.name(), "_");
            });
        }
    }

    @Test
    void theRefusalReadsAsASentenceNamingWhatIsAllowed() {
        assertThatThrownBy(() -> ExemptionWorkflow.require(ExemptionStatus.SUBMITTED, DECISION))
                .hasMessage("The request cannot be decided while it is submitted; allowed now: review, extend, withdraw, reroute");
        assertThatThrownBy(() -> ExemptionWorkflow.require(ExemptionStatus.INFORMATION_REQUESTED, REVIEW))
                .hasMessage("The request cannot be reviewed while it is waiting for information; allowed now: information-received, extend, withdraw, reroute");
        assertThatThrownBy(() -> ExemptionWorkflow.require(ExemptionStatus.WITHDRAWN, REVIEW))
                .hasMessage("The request cannot be reviewed while it is withdrawn; nothing can be done with it any more");
    }

    @Test
    void apiNamesAreKebabCase() {
        assertThat(REQUEST_INFORMATION.apiName()).isEqualTo("request-information");
        assertThat(APPEAL_OUTCOME.apiName()).isEqualTo("appeal-outcome");
    }

    @Test
    void openStatesAreThoseAwaitingADecision() {
        assertThat(EnumSet.allOf(ExemptionStatus.class).stream().filter(ExemptionStatus::isOpen))
                .containsExactly(ExemptionStatus.SUBMITTED, ExemptionStatus.IN_REVIEW, ExemptionStatus.INFORMATION_REQUESTED);
    }
}
