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

    /** The page's text by key, in the session's language (also in a view action, before the page's view is built). */
    public static String text(String key, Object... args) {
        ResourceBundle bundle = bundle();
        String pattern = bundle.containsKey(key) ? bundle.getString(key) : key;
        return args.length == 0 ? pattern : new java.text.MessageFormat(pattern, Formats.locale()).format(args);
    }

    private static ResourceBundle bundle() {
        return ResourceBundle.getBundle("i18n.messages", Formats.locale());
    }

    public static void info(String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text(key, args), null));
    }

    public static void error(String key, Object... args) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key, args), null));
    }

    /** The page's texts by key, {@code null} for a key the bundle does not have. */
    static String textOrNull(String key) {
        ResourceBundle bundle = bundle();
        return bundle.containsKey(key) ? bundle.getString(key) : null;
    }

    /** Field errors as sentences of the page's language, with the fields' labels (never their API names). */
    public static FieldMessages fieldMessages() {
        return new FieldMessages(Messages::textOrNull, Formats.locale());
    }

    /**
     * Each invalid field's message goes to the input with that id inside {@code formId}, and with it to the summary at
     * the top of the page; the message names the field by its label ("Study hours must be between 84 and 840 hours.").
     * A field without an input on the page is named in a message of the page.
     */
    public static void show(RegistryException e, String formId) {
        FacesContext context = FacesContext.getCurrentInstance();
        context.validationFailed();
        FieldMessages texts = fieldMessages();
        if (e.errors().isEmpty()) {
            String key = switch (e.status()) {
                case 412 -> "error.stale";
                case 409 -> "concurrent-modification".equals(e.type()) ? "error.stale" : null;
                case 403 -> "error.forbidden";
                case 404 -> "error.notFound";
                default -> null;
            };
            String summary = key != null ? text(key) : FieldMessages.capitalise(texts.message(e.getMessage()));
            context.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, summary));
            return;
        }
        UIComponent form = context.getViewRoot().findComponent(formId);
        for (FieldError error : e.errors()) {
            String field = FieldMessages.inputId(error.field());
            UIComponent input = null;
            try {
                input = form == null || field.isEmpty() ? null : form.findComponent(field);
            } catch (IllegalArgumentException notAnId) {
                // a field name that cannot be a component id (e.g. a header name): the message goes to the page
            }
            String clientId = input == null ? null : input.getClientId(context);
            String sentence = texts.sentence(error.field(), error.message());
            context.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, sentence, sentence));
        }
    }
}
