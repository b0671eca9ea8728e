package nl.microcredentials.registry.platform.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntitlementsTest {

    static final String P = Entitlements.DEFAULT_PREFIX;
    static final String BOARD = "5b0c8d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e";

    @Test
    void eachRoleComesFromItsEntitlement() {
        var coordinator = Entitlements.resolve(List.of(P + "coordinator"), null);
        assertThat(coordinator.roles()).containsExactly("coordinator");
        assertThat(coordinator.institution()).isNull();
        assertThat(coordinator.problem()).isNull();

        var admin = Entitlements.resolve(List.of(P + "institution-admin:tu-delft"), P);
        assertThat(admin.roles()).containsExactly("institution-admin");
        assertThat(admin.institution()).isEqualTo("tu-delft");
        assertThat(admin.board()).isNull();

        var member = Entitlements.resolve(List.of(P + "board-member:tu-delft:" + BOARD), P);
        assertThat(member.roles()).containsExactly("board-member");
        assertThat(member.institution()).isEqualTo("tu-delft");
        assertThat(member.board()).isEqualTo(BOARD);
        assertThat(member.grantsAccess()).isTrue();
    }

    @Test
    void rolesCombineWithinOneInstitution() {
        var both = Entitlements.resolve(List.of(P + "institution-admin:tu-delft", P + "board-member:tu-delft:" + BOARD.toUpperCase(),
                P + "coordinator"), P);
        assertThat(both.roles()).isEqualTo(Set.of("coordinator", "institution-admin", "board-member"));
        assertThat(both.institution()).isEqualTo("tu-delft");
        assertThat(both.board()).isEqualTo(BOARD); // board ids compared in lower case
    }

    @Test
    void otherServicesEntitlementsAreIgnoredAndBrokenOnesReported() {
        var scope = Entitlements.resolve(List.of("urn:mace:surf.nl:other-service:admin", "urn:mace:dir:entitlement:common-lib-terms",
                P + "institution-admin", P + "board-member:tu-delft:not-a-uuid", P + "superuser", P + "institution-admin:TU Delft"), P);
        assertThat(scope.roles()).isEmpty();
        assertThat(scope.grantsAccess()).isFalse();
        assertThat(scope.problem()).isEqualTo("no entitlement for the registry");
        assertThat(scope.unrecognised()).containsExactly(P + "institution-admin", P + "board-member:tu-delft:not-a-uuid",
                P + "superuser", P + "institution-admin:TU Delft");
    }

    @Test
    void theUrnNamespaceIsComparedWithoutCaseTheCodesAsTheyAre() {
        assertThat(Entitlements.resolve(List.of("URN:MACE:SURF.NL:registry:institution-admin:tu-delft"), P).roles())
                .containsExactly("institution-admin");
        assertThat(Entitlements.resolve(List.of(P + "Institution-Admin:tu-delft"), P).roles()).isEmpty();
    }

    @Test
    void severalInstitutionsOrBoardsAreRefusedNotGuessed() {
        var two = Entitlements.resolve(List.of(P + "institution-admin:tu-delft", P + "institution-admin:hogeschool-utrecht"), P);
        assertThat(two.roles()).isEmpty();
        assertThat(two.problem()).contains("several institutions", "hogeschool-utrecht", "tu-delft");

        var mixed = Entitlements.resolve(List.of(P + "coordinator", P + "institution-admin:tu-delft", P + "board-member:universiteit-leiden:" + BOARD), P);
        assertThat(mixed.roles()).isEmpty();

        var boards = Entitlements.resolve(List.of(P + "board-member:tu-delft:" + BOARD, P + "board-member:tu-delft:" + BOARD.replace('5', '6')), P);
        assertThat(boards.roles()).isEmpty();
        assertThat(boards.problem()).contains("several boards");
    }

    @Test
    void noValuesNoRoleAndAnotherPrefixWhenConfigured() {
        assertThat(Entitlements.resolve(null, null).grantsAccess()).isFalse();
        assertThat(Entitlements.resolve(List.of(), P).grantsAccess()).isFalse();
        var custom = Entitlements.resolve(List.of("urn:example:reg:institution-admin:tu-delft", P + "coordinator"), "urn:example:reg:");
        assertThat(custom.roles()).containsExactly("institution-admin");
        assertThat(Entitlements.institutionAdmin("urn:example:reg:", "x")).isEqualTo("urn:example:reg:institution-admin:x");
        assertThat(Entitlements.boardMember(null, "x", "b")).isEqualTo(P + "board-member:x:b");
    }
}
