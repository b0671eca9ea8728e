package nl.microcredentials.registry.platform.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Locale;
import java.util.Map;
import nl.microcredentials.registry.platform.security.DisplayNames;

/**
 * People on the pages ({@code #{people.name(actor)}}): an actor the history recorded (a username, or the upn of a token)
 * by the display name of its account; anyone else as recorded.
 */
@Named("people")
@RequestScoped
public class PeopleBacking {

    @Inject
    DisplayNames displayNames;

    private Map<String, String> names;

    public String name(String actor) {
        if (actor == null || actor.isBlank()) return "-";
        if (names == null) names = displayNames.byActor();
        return names.getOrDefault(actor.strip().toLowerCase(Locale.ROOT), actor);
    }
}
