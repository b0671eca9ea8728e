package nl.microcredentials.registry.platform.security.oidc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import nl.microcredentials.registry.platform.security.Role;

/**
 * The registry's rule for turning an identity provider's entitlements (by default the {@code eduperson_entitlement}
 * claim that SURFconext releases) into a role and a scope. Plain Java, unit-tested.
 * <ul>
 * <li>{@code <prefix>coordinator}: a national coordinator;</li>
 * <li>{@code <prefix>institution-admin:<institution code>}: an admin of that institution;</li>
 * <li>{@code <prefix>board-member:<institution code>:<board id>}: a member of that Board of Examiners.</li>
 * </ul>
 * The prefix is {@code urn:mace:surf.nl:registry:} unless configured; its URN namespace part is compared without regard
 * to case (RFC 8141), the codes as they are (institution codes are lower case, board ids are UUIDs). A session acts for
 * one institution and at most one board: entitlements naming several are refused with the reason, never resolved by
 * guessing. Values outside the prefix (a person has many entitlements for other services) are ignored; values under
 * the prefix that do not parse are reported as unrecognised.
 */
public final class Entitlements {

    public static final String DEFAULT_PREFIX = "urn:mace:surf.nl:registry:";

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern BOARD = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * What the entitlements grant: roles (empty when none is recognised or they conflict), the institution and board
     * of the scope, the values under the prefix that were not understood, and why nothing was granted (or null).
     */
    public record Scope(Set<String> roles, String institution, String board, List<String> unrecognised, String problem) {
        public boolean grantsAccess() { return !roles.isEmpty(); }
    }

    private Entitlements() { }

    public static Scope resolve(Collection<String> values, String prefix) {
        String p = prefix == null || prefix.isBlank() ? DEFAULT_PREFIX : prefix;
        boolean coordinator = false;
        Set<String> adminOf = new TreeSet<>();
        Set<String> boards = new TreeSet<>();      // "institution:board"
        List<String> unrecognised = new ArrayList<>();
        for (String raw : values == null ? List.<String>of() : values) {
            if (raw == null) continue;
            String value = raw.trim();
            if (value.length() < p.length() || !value.regionMatches(true, 0, p, 0, p.length())) continue;
            String rest = value.substring(p.length());
            String[] parts = rest.split(":", -1);
            if (parts.length == 1 && parts[0].equals(Role.COORDINATOR)) {
                coordinator = true;
            } else if (parts.length == 2 && parts[0].equals(Role.INSTITUTION_ADMIN) && CODE.matcher(parts[1]).matches()) {
                adminOf.add(parts[1]);
            } else if (parts.length == 3 && parts[0].equals(Role.BOARD_MEMBER) && CODE.matcher(parts[1]).matches()
                    && BOARD.matcher(parts[2]).matches()) {
                boards.add(parts[1] + ":" + parts[2].toLowerCase(Locale.ROOT));
            } else {
                unrecognised.add(value.length() > 200 ? value.substring(0, 200) + "..." : value);
            }
        }
        Set<String> institutions = new TreeSet<>(adminOf);
        boards.forEach(b -> institutions.add(b.substring(0, b.indexOf(':'))));
        if (institutions.size() > 1) {
            return new Scope(Set.of(), null, null, List.copyOf(unrecognised),
                    "entitlements for several institutions (" + String.join(", ", institutions) + "): a sign-in acts for one institution");
        }
        if (boards.size() > 1) {
            return new Scope(Set.of(), null, null, List.copyOf(unrecognised),
                    "entitlements for several boards of examiners: a sign-in acts for one board");
        }
        Set<String> roles = new LinkedHashSet<>();
        if (coordinator) roles.add(Role.COORDINATOR);
        if (!adminOf.isEmpty()) roles.add(Role.INSTITUTION_ADMIN);
        if (!boards.isEmpty()) roles.add(Role.BOARD_MEMBER);
        String institution = institutions.isEmpty() ? null : institutions.iterator().next();
        String board = boards.isEmpty() ? null : boards.iterator().next().substring(institution.length() + 1);
        return new Scope(Set.copyOf(roles), institution, board, List.copyOf(unrecognised),
                roles.isEmpty() ? "no entitlement for the registry" : null);
    }

    /** The entitlement values an institution's identity administrator releases for each role (for the help page). */
    public static String coordinator(String prefix) { return prefixOr(prefix) + Role.COORDINATOR; }
    public static String institutionAdmin(String prefix, String institution) { return prefixOr(prefix) + Role.INSTITUTION_ADMIN + ":" + institution; }
    public static String boardMember(String prefix, String institution, String board) { return prefixOr(prefix) + Role.BOARD_MEMBER + ":" + institution + ":" + board; }

    private static String prefixOr(String prefix) { return prefix == null || prefix.isBlank() ? DEFAULT_PREFIX : prefix; }
}
