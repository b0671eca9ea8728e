package nl.microcredentials.registry.platform.web;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Locale;

/** The admin UI's language (English or Dutch), chosen per session; the first request takes the browser's preference. */
@Named
@SessionScoped
public class LocaleBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private Locale locale;

    public Locale getLocale() {
        if (locale == null) {
            Locale requested = FacesContext.getCurrentInstance().getExternalContext().getRequestLocale();
            locale = requested != null && "nl".equals(requested.getLanguage()) ? RequestLocale.DUTCH : Locale.ENGLISH;
        }
        return locale;
    }

    public String getLanguage() {
        return getLocale().getLanguage();
    }

    public void change(String language) {
        locale = "nl".equals(language) ? RequestLocale.DUTCH : Locale.ENGLISH;
        FacesContext context = FacesContext.getCurrentInstance();
        context.getViewRoot().setLocale(locale);
        // messages from the facades (validation) follow the same choice
        context.getExternalContext().getSessionMap().put(RequestLocale.SESSION_LOCALE, locale);
    }
}
