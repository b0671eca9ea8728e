package nl.microcredentials.registry.notifications.entity;

import java.util.List;
import java.util.Set;
import nl.microcredentials.registry.platform.security.Role;

/**
 * What a notification is about, who receives it and how by default. Each kind goes to the people who can act on it:
 * a Board of Examiners (its mailbox and its members' accounts), the admins of an institution, and, when they ask for
 * it, coordinators.
 */
public enum NotificationKind {

    /** A request was routed to the board (recorded, or forwarded to it). */
    REQUEST_RECEIVED(Set.of(Role.BOARD_MEMBER), Delivery.IMMEDIATE, true),
    /** The information the board asked for arrived: the decision term runs again. */
    INFORMATION_RECEIVED(Set.of(Role.BOARD_MEMBER), Delivery.IMMEDIATE, true),
    /** Once a day per board: its open requests due within 7 days and those overdue. */
    DECISIONS_DUE(Set.of(Role.BOARD_MEMBER), Delivery.DAILY, false),
    /** The board decided a request of the admin's institution. */
    REQUEST_DECIDED(Set.of(Role.INSTITUTION_ADMIN), Delivery.IMMEDIATE, true),
    /** An agreement was proposed or its terms changed, and the admin's institution has not approved the current terms. */
    AGREEMENT_AWAITS_APPROVAL(Set.of(Role.INSTITUTION_ADMIN), Delivery.IMMEDIATE, true),
    /** Every party approved: the agreement is in force. */
    AGREEMENT_ACTIVE(Set.of(Role.INSTITUTION_ADMIN, Role.COORDINATOR), Delivery.IMMEDIATE, true),
    /** A party terminated the agreement. */
    AGREEMENT_TERMINATED(Set.of(Role.INSTITUTION_ADMIN, Role.COORDINATOR), Delivery.IMMEDIATE, true),
    /** The institution's OOAPI import sync failed. */
    IMPORT_FAILED(Set.of(Role.INSTITUTION_ADMIN), Delivery.IMMEDIATE, true),
    /** The edubadges badge class a programme names disagrees with what is registered. */
    BADGE_CLASS_MISMATCH(Set.of(Role.INSTITUTION_ADMIN), Delivery.IMMEDIATE, true),
    /** The day's summary of what an account chose to receive daily (not a preference of its own). */
    DAILY_SUMMARY(Set.of(), Delivery.DAILY, false);

    private final Set<String> roles;
    private final Delivery defaultDelivery;
    private final boolean canBeImmediate;

    NotificationKind(Set<String> roles, Delivery defaultDelivery, boolean canBeImmediate) {
        this.roles = roles;
        this.defaultDelivery = defaultDelivery;
        this.canBeImmediate = canBeImmediate;
    }

    /** Whether an account of this role may receive it (and so has a preference for it). */
    public boolean appliesTo(String role) {
        return roles.contains(role);
    }

    /** What an account of this role receives when it chose nothing: coordinators ask for what they want. */
    public Delivery defaultFor(String role) {
        if (Role.COORDINATOR.equals(role)) return Delivery.OFF;
        return defaultDelivery;
    }

    /** The choices an account has: a digest is daily by nature (daily or off). */
    public List<Delivery> choices() {
        return canBeImmediate ? List.of(Delivery.IMMEDIATE, Delivery.DAILY, Delivery.OFF) : List.of(Delivery.DAILY, Delivery.OFF);
    }

    /** The kinds an account of this role has preferences for, in this order. */
    public static List<NotificationKind> forRole(String role) {
        return java.util.Arrays.stream(values()).filter(k -> k.appliesTo(role)).toList();
    }

    /** How an account receives a kind. */
    public enum Delivery { IMMEDIATE, DAILY, OFF }
}
