package nl.microcredentials.registry.platform.security.oidc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import nl.microcredentials.registry.institutions.entity.Board;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.platform.security.Account;
import nl.microcredentials.registry.platform.security.RegistryPrincipal;
import nl.microcredentials.registry.platform.security.Role;

/**
 * The registry's account of a person who signs in at the OpenID Connect provider, created at the first sign-in and
 * refreshed at every one (name, e-mail, role, institution, board), so that notifications reach board members and
 * admins who never had a password here, and their preferences are kept. The account is found by the provider's issuer
 * and subject, never by e-mail. A person whose entitlements name an institution or board the registry does not know,
 * or no registry role at all, is signed in without a role; an existing account of theirs is set inactive (no mail).
 */
@ApplicationScoped
public class OidcAccounts {

    private static final Logger LOG = Logger.getLogger(OidcAccounts.class.getName());

    /** Who signed in, and why they have no role (null when they have one). */
    public record SignedIn(RegistryPrincipal principal, String noAccessReason) { }

    @PersistenceContext
    EntityManager em;

    @Transactional
    public SignedIn signIn(String issuer, String subject, String name, String email, Entitlements.Scope scope) {
        String displayName = clip(name == null || name.isBlank() ? (email == null || email.isBlank() ? subject : email) : name.trim(), 200);
        String mail = email == null || email.isBlank() || email.length() > 254 ? "" : email.trim();
        String reason = scope.problem();
        if (reason == null) reason = unknownScope(scope).orElse(null);
        boolean access = reason == null;
        Account account = find(issuer, subject).orElse(null);
        if (account == null && access) {
            account = Account.ofProvider(issuer, subject, username(mail, subject), displayName, mail);
            em.persist(account);
        }
        if (account != null) {
            account.refreshFromProvider(displayName, mail, access ? primaryRole(scope.roles()) : null,
                    access ? scope.institution() : null, access ? scope.board() : null);
        }
        String id = account == null ? externalId(issuer, subject) : account.getId();
        String username = account == null ? (mail.isEmpty() ? displayName : mail) : account.getUsername();
        Set<String> groups = access ? scope.roles() : Set.of();
        var principal = new RegistryPrincipal(id, username, displayName, groups,
                access ? scope.institution() : null, access ? scope.board() : null);
        String why = reason;
        LOG.info(() -> "Signed in through OpenID Connect: account=" + id + " roles=" + groups + (why == null ? "" : " without a role: " + why));
        return new SignedIn(principal, reason);
    }

    /** The account of the provider's person, if a sign-in made one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Account> find(String issuer, String subject) {
        return em.createNamedQuery(Account.BY_OIDC_SUBJECT, Account.class)
                .setParameter("issuer", issuer).setParameter("subject", subject)
                .getResultStream().findFirst();
    }

    /** The caller's id for a person of the provider who has no account (no role yet): stable, and never an account's. */
    static String externalId(String issuer, String subject) {
        return "oidc:" + hash(issuer + "|" + subject).substring(0, 32);
    }

    /** Whether this code was presented before (on any instance); the first presentation records it. */
    @Transactional
    public boolean firstUseOf(String code) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("delete from oidc_used_code where used_at < ?").setParameter(1, java.sql.Timestamp.from(now.minus(1, ChronoUnit.DAYS))).executeUpdate();
        int inserted = em.createNativeQuery("insert into oidc_used_code (code_hash, used_at) values (?, ?) on conflict do nothing")
                .setParameter(1, hash(code)).setParameter(2, java.sql.Timestamp.from(now)).executeUpdate();
        return inserted == 1;
    }

    private Optional<String> unknownScope(Entitlements.Scope scope) {
        if (scope.institution() == null) return Optional.empty();
        Institution institution = em.createNamedQuery(Institution.BY_CODE, Institution.class)
                .setParameter("code", scope.institution()).getResultStream().findFirst().orElse(null);
        if (institution == null) return Optional.of("the institution '" + scope.institution() + "' of the entitlement is not a member of the registry");
        if (scope.board() != null) {
            Board board = em.find(Board.class, scope.board());
            if (board == null || !board.getInstitution().getId().equals(institution.getId())) {
                return Optional.of("the board of examiners '" + scope.board() + "' of the entitlement is not one of " + scope.institution());
            }
        }
        return Optional.empty();
    }

    /** The account's one role for notifications: coordinator, else institution admin, else board member. */
    static String primaryRole(Set<String> roles) {
        if (roles.contains(Role.COORDINATOR)) return Role.COORDINATOR;
        if (roles.contains(Role.INSTITUTION_ADMIN)) return Role.INSTITUTION_ADMIN;
        return Role.BOARD_MEMBER;
    }

    /** The e-mail address when no account uses it as its username yet, else a stable name from the subject. */
    private String username(String mail, String subject) {
        String candidate = mail.toLowerCase(Locale.ROOT);
        if (!candidate.isEmpty() && candidate.length() <= 100) {
            long taken = em.createQuery("SELECT COUNT(a) FROM Account a WHERE a.username = :u", Long.class).setParameter("u", candidate).getSingleResult();
            if (taken == 0) return candidate;
        }
        return "oidc-" + hash(subject).substring(0, 24);
    }

    private static String clip(String s, int max) { return s.length() > max ? s.substring(0, max) : s; }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
