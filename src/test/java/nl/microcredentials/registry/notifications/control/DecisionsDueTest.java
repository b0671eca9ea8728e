package nl.microcredentials.registry.notifications.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecisionsDueTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 7);

    static DecisionsDue.Open open(String ref, String status, LocalDate due) {
        return new DecisionsDue.Open(ref, ref, "CSE1000", "Course", status, due);
    }

    @Test
    void listsExactlyTheRunningRequestsOverdueOrDueWithinSevenDaysOverdueFirst() {
        List<DecisionsDue.Open> open = List.of(
                open("A-due-in-8", "SUBMITTED", DAY.plusDays(8)),
                open("B-due-in-7", "IN_REVIEW", DAY.plusDays(7)),
                open("C-due-today", "SUBMITTED", DAY),
                open("D-overdue-1", "IN_REVIEW", DAY.minusDays(1)),
                open("E-overdue-30", "SUBMITTED", DAY.minusDays(30)),
                open("F-waiting", "INFORMATION_REQUESTED", DAY.minusDays(3)),
                open("G-decided", "DECIDED", DAY.minusDays(3)),
                open("H-withdrawn", "WITHDRAWN", DAY.plusDays(1)));
        List<DecisionsDue.Listed> listed = DecisionsDue.listed(open, DAY);
        assertThat(listed).extracting(l -> l.request().reference()).containsExactly("E-overdue-30", "D-overdue-1", "C-due-today", "B-due-in-7");
        assertThat(listed).extracting(DecisionsDue.Listed::daysLeft).containsExactly(-30L, -1L, 0L, 7L);
        assertThat(listed).extracting(DecisionsDue.Listed::overdue).containsExactly(true, true, false, false);
    }

    /** Generated requests: each is listed exactly when it runs and is due on or before day + 7 (an independent statement of the rule). */
    @Test
    void generatedRequestsAreListedExactlyWhenTheRuleSays() {
        Random random = new Random(17);
        String[] statuses = {"SUBMITTED", "IN_REVIEW", "INFORMATION_REQUESTED", "DECIDED", "WITHDRAWN", "APPEALED"};
        for (int round = 0; round < 200; round++) {
            List<DecisionsDue.Open> open = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                open.add(open("R" + round + "-" + i, statuses[random.nextInt(statuses.length)], DAY.plusDays(random.nextInt(41) - 20)));
            }
            List<String> expected = open.stream()
                    .filter(r -> (r.status().equals("SUBMITTED") || r.status().equals("IN_REVIEW")) && r.due().toEpochDay() - DAY.toEpochDay() <= 7)
                    .map(DecisionsDue.Open::reference).toList();
            assertThat(DecisionsDue.listed(open, DAY)).extracting(l -> l.request().reference()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
