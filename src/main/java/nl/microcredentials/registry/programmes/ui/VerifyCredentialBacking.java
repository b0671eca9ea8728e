package nl.microcredentials.registry.programmes.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.web.Messages;
import nl.microcredentials.registry.programmes.boundary.CredentialVerification;
import nl.microcredentials.registry.programmes.boundary.CredentialVerifier;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.boundary.Verification;
import nl.microcredentials.registry.programmes.control.CredentialMatching;
import nl.microcredentials.registry.programmes.control.LocalizedText;

/**
 * catalogue/verify.xhtml: anyone pastes an Open Badges 3.0 credential (JSON or VC-JWT) or an edubadges badge class URL
 * and reads the answer of {@code POST /api/verify} / {@code GET /api/verify} as a person reads it.
 */
@Named
@RequestScoped
public class VerifyCredentialBacking {

    @Inject
    CredentialVerifier verifier;

    @Inject
    Programmes programmes;

    private String input;
    private CredentialVerification credential;
    private Verification badgeClass;
    private List<FieldError> errors = List.of();

    public void verify() {
        String text = input == null ? "" : input.strip();
        credential = null;
        badgeClass = null;
        errors = List.of();
        if (text.isEmpty()) {
            Messages.error("verify.empty");
            return;
        }
        try {
            if (text.matches("(?i)^https?://\\S+$")) {
                badgeClass = programmes.verifyBadgeClass(text);
            } else {
                credential = verifier.verify(text, FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath());
            }
        } catch (RegistryException e) {
            if (e.status() == 400 && !e.errors().isEmpty() && !"body".equals(e.errors().get(0).field())
                    && !"badgeClassUrl".equals(e.errors().get(0).field())) {
                errors = e.errors();
                Messages.error("verify.invalid", e.errors().size());
            } else if (e.status() == 400) {
                Messages.error("verify.unreadable");
            } else {
                Messages.show(e, "verify");
            }
        }
    }

    /** The verification to show: the credential's, or the badge class's. */
    public Verification getVerification() {
        return credential != null ? credential.verification() : badgeClass;
    }

    /** Whether the answer says "registered". */
    public boolean isRegistered() {
        return credential != null ? credential.registered() : badgeClass != null && badgeClass.registered();
    }

    public boolean isAnswered() {
        return credential != null || badgeClass != null;
    }

    /** The programme's page in the catalogue, at the version the credential was earned under. */
    public String getCatalogueUrl() {
        if (credential != null) return credential.catalogueUrl();
        if (badgeClass != null && badgeClass.programme() != null) {
            return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath() + "/catalogue/programme.xhtml?id="
                    + badgeClass.programme();
        }
        return null;
    }

    public String title(LocalizedText title, String language) {
        if (title == null) return null;
        String wanted = "nl".equals(language) ? title.nl() : title.en();
        return wanted != null && !wanted.isBlank() ? wanted : title.any();
    }

    /** The claim's label key: verify.claim.credits, verify.claim.nlqfLevel, verify.claim.eqfLevel. */
    public String claimKey(CredentialMatching.Claim claim) {
        return "verify.claim." + claim.name();
    }

    /** A claim's outcome key: verify.agrees, verify.disagrees, verify.notCompared. */
    public String agreementKey(CredentialMatching.Claim claim) {
        return claim.agrees() == null ? "verify.notCompared" : claim.agrees() ? "verify.agrees" : "verify.disagrees";
    }

    /** The proof's summary key: verify.proof.valid, verify.proof.invalid, verify.proof.notChecked. */
    public String getProofKey() {
        if (credential == null || credential.proof() == null) return null;
        var p = credential.proof();
        return !p.checked() ? "verify.proof.notChecked" : Boolean.TRUE.equals(p.valid()) ? "verify.proof.valid" : "verify.proof.invalid";
    }

    public String getProofClass() {
        String key = getProofKey();
        return key == null ? "" : key.endsWith(".valid") ? "verified" : key.endsWith(".invalid") ? "not-verified" : "not-checked";
    }

    public String matchedByKey() {
        return credential == null || credential.matchedBy() == null ? null : "verify.matchedBy." + credential.matchedBy().toLowerCase(Locale.ROOT);
    }

    public String getInput() { return input; }
    public void setInput(String input) { this.input = input; }
    public CredentialVerification getCredential() { return credential; }
    public Verification getBadgeClass() { return badgeClass; }
    public List<FieldError> getErrors() { return errors; }
}
