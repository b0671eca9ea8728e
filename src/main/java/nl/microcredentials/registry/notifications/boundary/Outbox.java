package nl.microcredentials.registry.notifications.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import java.util.Optional;
import nl.microcredentials.registry.notifications.entity.NotificationEvent;
import nl.microcredentials.registry.notifications.entity.NotificationKind;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the other components say that something needs telling: one row in the transaction of their change (an outbox).
 * A change that rolls back leaves no row and sends nothing; a committed one is sent even if the instance dies right
 * after the commit, because the row is in the database and any instance's dispatcher expands and sends it. One insert,
 * no reads: who receives what is worked out afterwards, outside the user's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Outbox {

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "registry.public.url")
    Optional<String> publicUrl;

    @Inject
    Instance<HttpServletRequest> request;

    public void requestReceived(String requestId, String boardId) {
        add(NotificationKind.REQUEST_RECEIVED, requestId, boardId);
    }

    public void informationReceived(String requestId) {
        add(NotificationKind.INFORMATION_RECEIVED, requestId, null);
    }

    public void requestDecided(String requestId) {
        add(NotificationKind.REQUEST_DECIDED, requestId, null);
    }

    /** Proposed, or new terms: version {@code version} awaits the approval of the parties that have not approved its hash. */
    public void agreementAwaitsApproval(String agreementId, int version) {
        add(NotificationKind.AGREEMENT_AWAITS_APPROVAL, agreementId, String.valueOf(version));
    }

    public void agreementActive(String agreementId, int version) {
        add(NotificationKind.AGREEMENT_ACTIVE, agreementId, String.valueOf(version));
    }

    public void agreementTerminated(String agreementId, String by) {
        add(NotificationKind.AGREEMENT_TERMINATED, agreementId, by);
    }

    public void importFailed(String syncId) {
        add(NotificationKind.IMPORT_FAILED, syncId, null);
    }

    /** {@code findings}: the check's findings as JSON ([{field, registered, badgeClass}]). */
    public void badgeClassMismatch(String programmeId, int version, String findings) {
        add(NotificationKind.BADGE_CLASS_MISMATCH, programmeId, version + ":" + findings);
    }

    private void add(NotificationKind kind, String subjectId, String detail) {
        em.persist(new NotificationEvent(kind, subjectId, detail, baseUrl()));
    }

    /**
     * The address links in the mail start with: REGISTRY_PUBLIC_URL, else the one the change's request came in on (as
     * the API's own links); work in the background has no request and waits for the dispatcher's default.
     */
    public String baseUrl() {
        Optional<String> configured = publicUrl.map(String::trim).filter(s -> !s.isEmpty());
        if (configured.isPresent()) return configured.get();
        try {
            HttpServletRequest r = request.get();
            boolean defaultPort = r.getServerPort() == ("https".equals(r.getScheme()) ? 443 : 80);
            return r.getScheme() + "://" + r.getServerName() + (defaultPort ? "" : ":" + r.getServerPort()) + r.getContextPath();
        } catch (RuntimeException noRequest) {
            return null;
        }
    }
}
