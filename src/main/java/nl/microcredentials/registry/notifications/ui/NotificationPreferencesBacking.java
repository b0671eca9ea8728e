package nl.microcredentials.registry.notifications.ui;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import nl.microcredentials.registry.notifications.boundary.NotificationLog;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.web.Messages;

/** admin/notifications/preferences.xhtml: what the signed-in account receives, per kind, and in which language. */
@Named
@ViewScoped
public class NotificationPreferencesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    NotificationLog log;

    /** One kind as the form edits it. */
    public static class Row implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String kind;
        private final String defaultDelivery;
        private final List<String> choices;
        private String delivery;

        Row(String kind, String delivery, String defaultDelivery, List<String> choices) {
            this.kind = kind;
            this.delivery = delivery;
            this.defaultDelivery = defaultDelivery;
            this.choices = List.copyOf(choices);
        }

        public String getKind() { return kind; }
        public String getDelivery() { return delivery; }
        public void setDelivery(String delivery) { this.delivery = delivery; }
        public String getDefaultDelivery() { return defaultDelivery; }
        public List<String> getChoices() { return choices; }
    }

    private boolean hasAccount;
    private String email;
    private String language;
    private int version;
    private List<Row> rows = new ArrayList<>();

    @PostConstruct
    void load() {
        try {
            show(log.preferences());
            hasAccount = true;
        } catch (RegistryException e) {
            if (e.status() != 404) throw e;
            hasAccount = false;
        }
    }

    private void show(NotificationLog.PreferencesView view) {
        email = view.email();
        language = view.language();
        version = view.version();
        rows = new ArrayList<>(view.kinds().stream().map(k -> new Row(k.kind().name(), k.delivery().name(), k.defaultDelivery().name(),
                k.choices().stream().map(Enum::name).toList())).toList());
    }

    public void save() {
        Map<String, String> kinds = new LinkedHashMap<>();
        for (Row r : rows) kinds.put(r.getKind(), r.getDelivery());
        try {
            show(log.choose(new NotificationLog.PreferencesInput(language, kinds), OptionalInt.of(version)));
            Messages.info("notifications.preferences.saved");
        } catch (RegistryException e) {
            Messages.show(e, "prefs");
        }
    }

    public boolean isHasAccount() { return hasAccount; }
    public String getEmail() { return email; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public List<Row> getRows() { return rows; }
}
