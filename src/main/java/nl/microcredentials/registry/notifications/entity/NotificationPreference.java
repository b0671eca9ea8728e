package nl.microcredentials.registry.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** An account's choice for one kind of notification; without a row the kind's default for the account's role applies. */
@Entity
@Table(name = "notification_preference")
@IdClass(NotificationPreference.Key.class)
public class NotificationPreference {

    @Id
    @Column(name = "account_id", length = 36)
    private String accountId;

    @Id
    @Enumerated(EnumType.STRING)
    @Column(length = 40)
    private NotificationKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private NotificationKind.Delivery delivery;

    protected NotificationPreference() { }

    public NotificationPreference(String accountId, NotificationKind kind, NotificationKind.Delivery delivery) {
        this.accountId = accountId;
        this.kind = kind;
        this.delivery = delivery;
    }

    public void choose(NotificationKind.Delivery delivery) {
        this.delivery = delivery;
    }

    public String getAccountId() { return accountId; }
    public NotificationKind getKind() { return kind; }
    public NotificationKind.Delivery getDelivery() { return delivery; }

    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String accountId;
        private NotificationKind kind;

        public Key() { }

        public Key(String accountId, NotificationKind kind) {
            this.accountId = accountId;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(accountId, k.accountId) && kind == k.kind;
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, kind);
        }
    }
}
