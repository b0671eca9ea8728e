package nl.microcredentials.registry.platform.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import java.util.ResourceBundle;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.RegistryException;

/** Faces messages: localised texts from {@code i18n.messages}, and a facade's {@link RegistryException} shown at its fields. */
public final class Messages {

    private Messages() { }

    public static String text(String key, Object... args) {
        FacesContext context = FacesContext.getCurrentInstance();
        ResourceBundle bundle = context.getApplication().getResourceBundle(context, "msg");
        String pattern = bundle.containsKey(key) ? bundle.getString(key) : key;
        return args.length == 0 ? pattern : java.text.MessageFormat.format(pattern, args);
    }

    public static void info(String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text(key, args), null));
    }

    public static void error(String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key, args), null));
    }

    /** Each invalid field's message goes to the input with that id inside {@code formId}; the rest to the page. */
    public static void show(RegistryException e, String formId) {
        FacesContext context = FacesContext.getCurrentInstance();
        context.validationFailed();
        if (e.errors().isEmpty()) {
            String key = switch (e.status()) {
                case 412 -> "error.stale";
                case 409 -> "concurrent-modification".equals(e.type()) ? "error.stale" : null;
                case 403 -> "error.forbidden";
                case 404 -> "error.notFound";
                default -> null;
            };
            String summary = key != null ? text(key) : e.getMessage();
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, null));
            return;
        }
        UIComponent form = context.getViewRoot().findComponent(formId);
        for (FieldError error : e.errors()) {
            String field = error.field().replaceAll("\\[.*", "").replace('.', '_');
            UIComponent input = form == null ? null : form.findComponent(field);
            String clientId = input == null ? null : input.getClientId(context);
            String label = text("field." + field);
            context.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    clientId == null ? label + ": " + error.message() : error.message(), null));
        }
    }
}
