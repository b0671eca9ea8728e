package nl.microcredentials.registry.notifications.entity;

import static org.assertj.core.api.Assertions.assertThat;

import nl.microcredentials.registry.notifications.entity.NotificationKind.Delivery;
import nl.microcredentials.registry.platform.security.Role;
import org.junit.jupiter.api.Test;

class NotificationKindTest {

    @Test
    void eachRoleHasTheKindsItCanActOn() {
        assertThat(NotificationKind.forRole(Role.BOARD_MEMBER)).containsExactly(NotificationKind.REQUEST_RECEIVED,
                NotificationKind.INFORMATION_RECEIVED, NotificationKind.DECISIONS_DUE);
        assertThat(NotificationKind.forRole(Role.INSTITUTION_ADMIN)).containsExactly(NotificationKind.REQUEST_DECIDED,
                NotificationKind.AGREEMENT_AWAITS_APPROVAL, NotificationKind.AGREEMENT_ACTIVE, NotificationKind.AGREEMENT_TERMINATED,
                NotificationKind.IMPORT_FAILED, NotificationKind.BADGE_CLASS_MISMATCH);
        assertThat(NotificationKind.forRole(Role.COORDINATOR)).containsExactly(NotificationKind.AGREEMENT_ACTIVE, NotificationKind.AGREEMENT_TERMINATED);
        assertThat(NotificationKind.forRole("learner")).isEmpty();
    }

    @Test
    void coordinatorsAskForWhatTheyWantOthersGetWhatTheyCanActOnAtOnceAndTheDigestDaily() {
        assertThat(NotificationKind.AGREEMENT_ACTIVE.defaultFor(Role.COORDINATOR)).isEqualTo(Delivery.OFF);
        assertThat(NotificationKind.AGREEMENT_ACTIVE.defaultFor(Role.INSTITUTION_ADMIN)).isEqualTo(Delivery.IMMEDIATE);
        assertThat(NotificationKind.REQUEST_RECEIVED.defaultFor(Role.BOARD_MEMBER)).isEqualTo(Delivery.IMMEDIATE);
        assertThat(NotificationKind.DECISIONS_DUE.defaultFor(Role.BOARD_MEMBER)).isEqualTo(Delivery.DAILY);
        assertThat(NotificationKind.DECISIONS_DUE.choices()).containsExactly(Delivery.DAILY, Delivery.OFF);
        assertThat(NotificationKind.REQUEST_RECEIVED.choices()).containsExactly(Delivery.IMMEDIATE, Delivery.DAILY, Delivery.OFF);
    }
}
