package nl.microcredentials.registry.notifications.ui;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import nl.microcredentials.registry.notifications.boundary.NotificationLog;
import nl.microcredentials.registry.notifications.entity.Notification;
import nl.microcredentials.registry.notifications.entity.NotificationKind;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.web.Messages;

/** admin/notifications/index.xhtml: the log of the e-mail sent, as the signed-in person may see it. */
@Named
@ViewScoped
public class NotificationsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    NotificationLog log;

    private String status;
    private String kind;
    private List<NotificationLog.NotificationView> rows;
    private long total;
    private NotificationLog.NotificationView selected;

    /** The page's view action (after the status of the dashboard's link is set). */
    public void load() {
        Notification.Status s = parse(Notification.Status.class, status);
        NotificationKind k = parse(NotificationKind.class, kind);
        if (s == null) status = null;
        if (k == null) kind = null;
        var page = log.list(new NotificationLog.Filter(s, k, null), new PageRequest(1, PageRequest.MAX_PAGE_SIZE, "-createdAt"));
        rows = page.items();
        total = page.totalItems();
    }

    /** A value from the address or a form: anything else is no filter (never an error page). */
    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) return null;
        for (E e : type.getEnumConstants()) if (e.name().equals(value.trim())) return e;
        return null;
    }

    public void filter() {
        load();
    }

    public void show(String id) {
        try {
            selected = log.get(id);
        } catch (RegistryException e) {
            Messages.show(e, "log");
        }
    }

    public void retry(String id, int version) {
        try {
            log.retry(id, OptionalInt.of(version));
            Messages.info("notifications.retried");
        } catch (RegistryException e) {
            Messages.show(e, "log");
        }
        load();
    }

    public void digests() {
        try {
            var written = log.digests(LocalDate.now(java.time.ZoneId.of("Europe/Amsterdam")));
            Messages.info("notifications.digests.written", written.written());
        } catch (RegistryException e) {
            Messages.show(e, "log");
        }
        load();
    }

    public List<String> getStatuses() { return Arrays.stream(Notification.Status.values()).map(Enum::name).toList(); }
    public List<String> getKinds() { return Arrays.stream(NotificationKind.values()).map(Enum::name).toList(); }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public List<NotificationLog.NotificationView> getRows() { return rows; }
    public long getTotal() { return total; }
    public NotificationLog.NotificationView getSelected() { return selected; }

    public String severity(String status) {
        return switch (status) {
            case "SENT" -> "success";
            case "FAILED" -> "danger";
            case "PENDING" -> "warning";
            default -> "info";
        };
    }
}
