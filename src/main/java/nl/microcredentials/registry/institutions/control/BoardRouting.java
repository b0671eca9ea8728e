package nl.microcredentials.registry.institutions.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which Board of Examiners is responsible for a course: the board with the longest course-code prefix that the
 * course code starts with (case-insensitive), else the institution's default board. Prefixes are unique within an
 * institution, so the answer is never ambiguous.
 */
public final class BoardRouting {

    /** What routing needs to know of a board. */
    public record Scope(String boardId, List<String> courseCodePrefixes, boolean isDefault) { }

    private BoardRouting() { }

    public static Optional<String> route(Collection<Scope> boards, String courseCode) {
        String code = courseCode == null ? "" : courseCode.trim().toUpperCase(Locale.ROOT);
        String best = null;
        int bestLength = -1;
        String fallback = null;
        for (Scope board : boards) {
            if (board.isDefault()) fallback = board.boardId();
            if (code.isEmpty()) continue;
            for (String prefix : board.courseCodePrefixes()) {
                String p = prefix.toUpperCase(Locale.ROOT);
                if (code.startsWith(p) && p.length() > bestLength) {
                    best = board.boardId();
                    bestLength = p.length();
                }
            }
        }
        return Optional.ofNullable(best != null ? best : fallback);
    }

    /** The prefixes of {@code candidate} that another board of the institution already has (case-insensitive). */
    public static List<String> clashes(Collection<Scope> others, List<String> candidatePrefixes) {
        Map<String, String> taken = new HashMap<>();
        for (Scope other : others) {
            for (String prefix : other.courseCodePrefixes()) taken.put(prefix.toUpperCase(Locale.ROOT), other.boardId());
        }
        List<String> clashes = new ArrayList<>();
        for (String prefix : candidatePrefixes) {
            if (taken.containsKey(prefix.toUpperCase(Locale.ROOT))) clashes.add(prefix);
        }
        return clashes;
    }

    /** Trimmed, upper-cased, without duplicates, in the order given. */
    public static List<String> normalise(List<String> prefixes) {
        if (prefixes == null) return List.of();
        return prefixes.stream()
                .filter(p -> p != null && !p.isBlank())
                .map(p -> p.trim().toUpperCase(Locale.ROOT))
                .distinct()
                .toList();
    }
}
