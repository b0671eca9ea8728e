package nl.microcredentials.registry.exemptions.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    @Test
    void theDueDateIsTheReceivedDatePlusTheTermInCalendarDays() {
        assertThat(Deadlines.decisionDue(LocalDate.of(2026, 3, 2), 56, 0, 0)).isEqualTo(LocalDate.of(2026, 4, 27));
    }

    @Test
    void anExtensionAndSuspendedDaysMoveIt() {
        assertThat(Deadlines.decisionDue(LocalDate.of(2026, 3, 2), 56, 28, 5)).isEqualTo(LocalDate.of(2026, 5, 30));
    }

    @Test
    void leapYearsCountTheirExtraDay() {
        assertThat(Deadlines.decisionDue(LocalDate.of(2028, 2, 1), 42, 0, 0)).isEqualTo(LocalDate.of(2028, 3, 14));
        assertThat(Deadlines.decisionDue(LocalDate.of(2027, 2, 1), 42, 0, 0)).isEqualTo(LocalDate.of(2027, 3, 15));
    }

    @Test
    void aRunningSuspensionMovesTheDueDateDayByDay() {
        LocalDate due = LocalDate.of(2026, 4, 27);
        LocalDate requested = LocalDate.of(2026, 4, 20);
        assertThat(Deadlines.decisionDueToday(due, requested, LocalDate.of(2026, 4, 20))).isEqualTo(due);
        assertThat(Deadlines.decisionDueToday(due, requested, LocalDate.of(2026, 5, 10))).isEqualTo(LocalDate.of(2026, 5, 17));
        assertThat(Deadlines.decisionDueToday(due, null, LocalDate.of(2026, 5, 10))).isEqualTo(due);
    }

    @Test
    void theSuspensionIsTheDaysBetweenRequestAndReceipt() {
        assertThat(Deadlines.suspension(LocalDate.of(2026, 4, 20), LocalDate.of(2026, 4, 20))).isZero();
        assertThat(Deadlines.suspension(LocalDate.of(2026, 4, 20), LocalDate.of(2026, 5, 4))).isEqualTo(14);
    }

    @Test
    void overdueOnlyWhenOpenNotSuspendedAndPastTheDueDay() {
        LocalDate due = LocalDate.of(2026, 4, 27);
        assertThat(Deadlines.overdue(true, false, due, due)).isFalse();
        assertThat(Deadlines.overdue(true, false, due, due.plusDays(1))).isTrue();
        assertThat(Deadlines.overdue(true, true, due, due.plusDays(1))).isFalse();
        assertThat(Deadlines.overdue(false, false, due, due.plusDays(1))).isFalse();
    }

    @Test
    void theAppealDeadlineIsSixWeeksAfterTheDecision() {
        assertThat(Deadlines.appealDeadline(LocalDate.of(2026, 11, 23))).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(Deadlines.appealDeadline(LocalDate.of(2028, 2, 10))).isEqualTo(LocalDate.of(2028, 3, 23));
    }
}
