package nl.microcredentials.registry.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.transaction.Transactional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Validates the registry's own accounts (username and password) for the admin UI login and {@code POST /api/auth/token}.
 * An unknown user and a wrong password give the same answer after the same work. A successful login whose stored hash
 * has fewer iterations than configured stores a new hash, in the login's transaction.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(AccountIdentityStore.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    @Transactional
    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String username = credential.getCaller() == null ? "" : credential.getCaller().trim().toLowerCase();
        Account account = em.createNamedQuery(Account.BY_USERNAME, Account.class)
                .setParameter("username", username)
                .getResultStream().findFirst().orElse(null);
        boolean valid = passwords.verify(credential.getPassword().getValue(), account == null ? null : account.getPasswordHash());
        if (!valid || account == null) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (passwords.needsRehash(account.getPasswordHash())) {
            rehash(account, credential.getPassword().getValue());
        }
        var principal = new RegistryPrincipal(account.getId(), account.getUsername(), account.getDisplayName(),
                Set.of(account.getRole()), account.getInstitutionCode(), account.getBoardId());
        return new CredentialValidationResult(principal, principal.groups());
    }

    /**
     * Stores a hash at the configured iterations. Only if the stored hash is still the one that was verified: of two
     * concurrent logins one stores it, the other changes nothing (and neither fails on the entity's version).
     */
    private void rehash(Account account, char[] password) {
        int updated = em.createNamedQuery(Account.REHASH)
                .setParameter("id", account.getId())
                .setParameter("old", account.getPasswordHash())
                .setParameter("hash", passwords.hash(password))
                .executeUpdate();
        if (updated > 0) LOG.info(() -> "Password hash of account " + account.getUsername() + " upgraded to " + passwords.iterations() + " iterations");
    }

    /** The e-mail of an account, for the {@code upn} claim of its tokens. */
    public String email(String accountId) {
        Account account = em.find(Account.class, accountId);
        return account == null ? null : account.getEmail();
    }
}
