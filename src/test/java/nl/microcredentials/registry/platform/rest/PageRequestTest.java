package nl.microcredentials.registry.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    private static final Map<String, String> SORTABLE = new LinkedHashMap<>(Map.of("name", "i.name", "updatedAt", "i.updatedAt"));

    @Test
    void sortFieldsMapToColumnsWithDirection() {
        var checked = new PageRequest(2, 10, "-updatedAt,name").validated(SORTABLE, "name");
        assertThat(checked.orderBy()).isEqualTo("i.updatedAt DESC, i.name ASC");
        assertThat(checked.offset()).isEqualTo(10);
    }

    @Test
    void defaultSortWhenNoneIsGiven() {
        assertThat(new PageRequest(1, 20, null).validated(SORTABLE, "name").orderBy()).isEqualTo("i.name ASC");
    }

    @Test
    void pageSizeIsAtMost250AndPagesStartAtOne() {
        assertThat(fields(new PageRequest(0, 251, null))).containsExactly("page", "pageSize");
        assertThat(new PageRequest(1, 250, null).validated(SORTABLE, "name").size()).isEqualTo(250);
    }

    @Test
    void anUnknownSortFieldIsRefusedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> new PageRequest(1, 20, "password").validated(SORTABLE, "name"))
                .isInstanceOfSatisfying(RegistryException.class, e ->
                        assertThat(e.errors().get(0).message()).contains("password").contains("name").contains("updatedAt"));
    }

    @Test
    void pageEnvelopeCountsPages() {
        var checked = new PageRequest(2, 20, null).validated(SORTABLE, "name");
        Page<String> page = Page.of(List.of("a"), checked, 41);
        assertThat(page.totalPages()).isEqualTo(3);
        assertThat(page.hasNextPage()).isTrue();
        assertThat(Page.of(List.of(), new PageRequest(3, 20, null).validated(SORTABLE, "name"), 41).hasNextPage()).isFalse();
        assertThat(Page.of(List.of(), checked, 0).totalPages()).isZero();
    }

    private static List<String> fields(PageRequest request) {
        try {
            request.validated(SORTABLE, "name");
            return List.of();
        } catch (RegistryException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
    }
}
