package nl.microcredentials.registry.platform.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import nl.microcredentials.registry.platform.persistence.AuditedEntity;

/**
 * One of the registry's own accounts (the quick start and small members without an identity provider). The
 * password is stored only as a PBKDF2 hash; the scope (institution code, board id) is what a token of this account carries.
 */
@Entity
@Table(name = "account")
@NamedQuery(name = Account.BY_USERNAME, query = "SELECT a FROM Account a WHERE a.username = :username AND a.active = TRUE")
@NamedQuery(name = Account.BY_OIDC_SUBJECT, query = "SELECT a FROM Account a WHERE a.oidcIssuer = :issuer AND a.oidcSubject = :subject")
@NamedQuery(name = Account.REHASH, query = "UPDATE Account a SET a.passwordHash = :hash WHERE a.id = :id AND a.passwordHash = :old")
public class Account extends AuditedEntity {

    public static final String BY_USERNAME = "Account.byUsername";
    public static final String BY_OIDC_SUBJECT = "Account.byOidcSubject";
    /** A stronger hash of the same password (a login re-hashes an old one): no new version, the account did not change. */
    public static final String REHASH = "Account.rehash";

    @Column(nullable = false, unique = true, length = 100)
    private String username;

    /** Null for an account of the OpenID Connect provider: it cannot sign in with a password. */
    @Column(name = "password_hash", length = 500)
    private String passwordHash;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(nullable = false, length = 254)
    private String email;

    @Column(nullable = false, length = 32)
    private String role;

    @Column(name = "institution_code", length = 64)
    private String institutionCode;

    @Column(name = "board_id", length = 36)
    private String boardId;

    @Column(nullable = false)
    private boolean active = true;

    /** The language of the account's e-mail: nl or en. */
    @Column(nullable = false, length = 2)
    private String language = "nl";

    /** The OpenID Connect provider's issuer and subject of an account that signs in there (else null). */
    @Column(name = "oidc_issuer", length = 500)
    private String oidcIssuer;

    @Column(name = "oidc_subject", length = 255)
    private String oidcSubject;

    protected Account() { }

    /** An account of a person who signs in at the OpenID Connect provider: no password. */
    public static Account ofProvider(String issuer, String subject, String username, String displayName, String email) {
        Account account = new Account(username, null, displayName, email, Role.BOARD_MEMBER, null, null);
        account.oidcIssuer = issuer;
        account.oidcSubject = subject;
        return account;
    }

    /** What the provider says of the person at a sign-in: name, e-mail, role and scope; inactive without a role. */
    public void refreshFromProvider(String displayName, String email, String role, String institutionCode, String boardId) {
        this.displayName = displayName;
        this.email = email;
        this.active = role != null;
        if (role != null) {
            this.role = role;
            this.institutionCode = institutionCode;
            this.boardId = boardId;
        }
    }

    public Account(String username, String passwordHash, String displayName, String email, String role, String institutionCode, String boardId) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.email = email;
        this.role = role;
        this.institutionCode = institutionCode;
        this.boardId = boardId;
    }

    public String getUsername() { return username; }
    public String getPasswordHash() { return passwordHash; }
    public String getDisplayName() { return displayName; }
    public String getEmail() { return email; }
    public String getRole() { return role; }
    public String getInstitutionCode() { return institutionCode; }
    public String getBoardId() { return boardId; }
    public boolean isActive() { return active; }
    public String getLanguage() { return language; }
    public String getOidcSubject() { return oidcSubject; }

    /** The language of the account's notifications (nl, en). */
    public void speaks(String language) {
        this.language = language;
    }
}
