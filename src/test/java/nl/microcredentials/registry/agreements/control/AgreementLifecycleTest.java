package nl.microcredentials.registry.agreements.control;

import static nl.microcredentials.registry.agreements.control.AgreementLifecycle.Action.APPROVE;
import static nl.microcredentials.registry.agreements.control.AgreementLifecycle.Action.DELETE;
import static nl.microcredentials.registry.agreements.control.AgreementLifecycle.Action.EDIT;
import static nl.microcredentials.registry.agreements.control.AgreementLifecycle.Action.PROPOSE;
import static nl.microcredentials.registry.agreements.control.AgreementLifecycle.Action.TERMINATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import nl.microcredentials.registry.agreements.entity.AgreementStatus;
import nl.microcredentials.registry.platform.rest.RegistryException;
import org.junit.jupiter.api.Test;

class AgreementLifecycleTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void aDraftIsEditedProposedOrDeleted() {
        assertThat(AgreementLifecycle.allowed(AgreementStatus.DRAFT, false, false)).containsExactly(EDIT, PROPOSE, DELETE);
    }

    @Test
    void aProposalIsApprovedOrEditedAndDeletableOnlyWhileNeverApproved() {
        assertThat(AgreementLifecycle.allowed(AgreementStatus.PROPOSED, false, false)).containsExactly(EDIT, APPROVE, DELETE);
        assertThat(AgreementLifecycle.allowed(AgreementStatus.PROPOSED, false, true)).containsExactly(EDIT, APPROVE);
    }

    @Test
    void anActiveAgreementIsApprovableOnlyWithANewVersionPending() {
        assertThat(AgreementLifecycle.allowed(AgreementStatus.ACTIVE, false, true)).containsExactly(EDIT, TERMINATE);
        assertThat(AgreementLifecycle.allowed(AgreementStatus.ACTIVE, true, true)).containsExactly(EDIT, APPROVE, TERMINATE);
    }

    @Test
    void terminatedAndExpiredAgreementsAllowNothing() {
        assertThat(AgreementLifecycle.allowed(AgreementStatus.TERMINATED, false, true)).isEmpty();
        assertThat(AgreementLifecycle.allowed(AgreementStatus.EXPIRED, false, true)).isEmpty();
    }

    @Test
    void anIllegalActionIsAConflictNamingTheAllowedOnes() {
        assertThatThrownBy(() -> AgreementLifecycle.require(PROPOSE, AgreementStatus.ACTIVE, false, true))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.allowed()).containsExactly("edit", "terminate");
                });
        assertThatThrownBy(() -> AgreementLifecycle.require(DELETE, AgreementStatus.PROPOSED, false, true))
                .hasMessageContaining("can no longer be deleted");
    }

    @Test
    void theRefusalReadsAsASentenceNamingWhatIsAllowed() {
        assertThatThrownBy(() -> AgreementLifecycle.require(APPROVE, AgreementStatus.DRAFT, false, false))
                .hasMessage("The agreement cannot be approved while it is a draft; allowed now: edit, propose, delete");
        assertThatThrownBy(() -> AgreementLifecycle.require(PROPOSE, AgreementStatus.ACTIVE, false, true))
                .hasMessage("The agreement cannot be proposed while it is active; allowed now: edit, terminate");
        assertThatThrownBy(() -> AgreementLifecycle.require(APPROVE, AgreementStatus.EXPIRED, false, true))
                .hasMessage("The agreement cannot be approved while it is expired; nothing can be done with it any more");
        assertThatThrownBy(() -> AgreementLifecycle.require(DELETE, AgreementStatus.DRAFT, false, true))
                .hasMessage("The agreement can no longer be deleted: a party has approved it; allowed now: edit, propose");
        for (AgreementStatus status : AgreementStatus.values()) {
            for (var action : AgreementLifecycle.Action.values()) {
                try {
                    AgreementLifecycle.require(action, status, false, true);
                } catch (RegistryException e) {
                    assertThat(e.getMessage()).startsWith("The agreement ").doesNotContain(status.name());
                }
            }
        }
    }

    @Test
    void activeAndProposedAgreementsExpireTheDayAfterValidUntil() {
        assertThat(AgreementLifecycle.effective(AgreementStatus.ACTIVE, TODAY, TODAY)).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(AgreementLifecycle.effective(AgreementStatus.ACTIVE, TODAY.minusDays(1), TODAY)).isEqualTo(AgreementStatus.EXPIRED);
        assertThat(AgreementLifecycle.effective(AgreementStatus.PROPOSED, TODAY.minusDays(1), TODAY)).isEqualTo(AgreementStatus.EXPIRED);
        assertThat(AgreementLifecycle.effective(AgreementStatus.ACTIVE, null, TODAY)).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(AgreementLifecycle.effective(AgreementStatus.TERMINATED, TODAY.minusDays(1), TODAY)).isEqualTo(AgreementStatus.TERMINATED);
        assertThat(AgreementLifecycle.effective(AgreementStatus.DRAFT, TODAY.minusDays(1), TODAY)).isEqualTo(AgreementStatus.DRAFT);
    }
}
