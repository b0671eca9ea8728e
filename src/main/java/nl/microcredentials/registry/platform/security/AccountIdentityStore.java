package nl.microcredentials.registry.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * Validates the registry's own accounts (username and password) for the admin UI login and {@code POST /api/auth/token}.
 * An unknown user and a wrong password give the same answer after the same work.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String username = credential.getCaller() == null ? "" : credential.getCaller().trim().toLowerCase();
        Account account = em.createNamedQuery(Account.BY_USERNAME, Account.class)
                .setParameter("username", username)
                .getResultStream().findFirst().orElse(null);
        boolean valid = passwords.verify(credential.getPassword().getValue(), account == null ? null : account.getPasswordHash());
        if (!valid || account == null) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        var principal = new RegistryPrincipal(account.getId(), account.getUsername(), account.getDisplayName(),
                Set.of(account.getRole()), account.getInstitutionCode(), account.getBoardId());
        return new CredentialValidationResult(principal, principal.groups());
    }

    /** The e-mail of an account, for the {@code upn} claim of its tokens. */
    public String email(String accountId) {
        Account account = em.find(Account.class, accountId);
        return account == null ? null : account.getEmail();
    }
}
