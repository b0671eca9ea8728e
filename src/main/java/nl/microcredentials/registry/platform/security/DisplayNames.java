package nl.microcredentials.registry.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;

/**
 * The display names of the registry's own accounts, by what the history records as the actor: the username (an admin-UI
 * session) and the e-mail address (the {@code upn} of the registry's own tokens). Actors of another identity provider are
 * not accounts; they are shown as recorded.
 */
@ApplicationScoped
public class DisplayNames {

    @PersistenceContext
    EntityManager em;

    /** Username and e-mail of every account, each to the account's display name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> byActor() {
        Map<String, String> names = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT a.username, a.email, a.displayName FROM Account a", Object[].class).getResultList()) {
            String displayName = (String) row[2];
            if (displayName == null || displayName.isBlank()) continue;
            if (row[1] != null) names.putIfAbsent(((String) row[1]).toLowerCase(java.util.Locale.ROOT), displayName);
            names.put(((String) row[0]).toLowerCase(java.util.Locale.ROOT), displayName);
        }
        return names;
    }
}
