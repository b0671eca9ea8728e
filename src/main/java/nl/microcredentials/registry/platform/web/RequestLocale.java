package nl.microcredentials.registry.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;

/**
 * The language of messages for this request: the admin UI's choice when the session made one, else the request's
 * Accept-Language (an API client may ask for Dutch). Dutch or English; English when neither is asked for.
 */
@RequestScoped
public class RequestLocale {

    static final String SESSION_LOCALE = "registry.locale";
    public static final Locale DUTCH = Locale.forLanguageTag("nl");

    @Inject
    HttpServletRequest request;

    public Locale get() {
        try {
            HttpSession session = request.getSession(false);
            if (session != null && session.getAttribute(SESSION_LOCALE) instanceof Locale chosen) return chosen;
            var preferred = request.getLocales();
            while (preferred.hasMoreElements()) {
                Locale locale = preferred.nextElement();
                if ("nl".equals(locale.getLanguage())) return DUTCH;
                if ("en".equals(locale.getLanguage())) return Locale.ENGLISH;
            }
        } catch (IllegalStateException | NullPointerException outsideARequest) {
            // start-up code and timers have no request
        }
        return Locale.ENGLISH;
    }
}
