package nl.microcredentials.registry.agreements.ui;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import nl.microcredentials.registry.agreements.boundary.AgreementInput;
import nl.microcredentials.registry.agreements.boundary.AgreementView;
import nl.microcredentials.registry.agreements.boundary.Agreements;
import nl.microcredentials.registry.agreements.control.AgreementScope;
import nl.microcredentials.registry.agreements.entity.AgreementKind;
import nl.microcredentials.registry.agreements.entity.RecognitionEffect;
import nl.microcredentials.registry.institutions.boundary.InstitutionView;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.web.Messages;
import nl.microcredentials.registry.programmes.boundary.ProgrammeView;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.control.NlqfLevel;
import nl.microcredentials.registry.programmes.control.ProgrammeSearch;

/**
 * admin/agreements/edit.xhtml[?id=...]: a party's institution admin drafts or changes an agreement (a coordinator: the
 * consortium-wide one). Errors of the rules appear at their fields; the version read with the form guards against
 * overwriting someone else's change. Changing the terms of a proposed or active agreement makes a new version.
 */
@Named
@ViewScoped
public class EditAgreementBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The two kinds of scope the form offers. */
    public static final String SCOPE_ALL = "ALL";
    public static final String SCOPE_PROGRAMMES = "PROGRAMMES";

    @Inject
    Agreements agreements;

    @Inject
    Institutions institutions;

    @Inject
    Programmes programmes;

    @Inject
    Caller caller;

    private String id;
    private int version;
    private String status;
    private boolean consortiumWide;
    private String title;
    private String kind = AgreementKind.BILATERAL.name();
    private List<String> parties = new ArrayList<>();
    private String scopeType = SCOPE_ALL;
    private List<String> issuers = new ArrayList<>();
    private String minNlqfLevel;
    private String maxNlqfLevel;
    private BigDecimal minEcts;
    private BigDecimal maxEcts;
    private List<String> scopeProgrammes = new ArrayList<>();
    private String effect = RecognitionEffect.IN_PRINCIPLE.name();
    private String terms;
    private LocalDate validFrom;
    private LocalDate validUntil;
    private List<Option> institutionOptions;
    private List<Option> programmeOptions;

    public void load() {
        if (FacesContext.getCurrentInstance().isPostback()) return;
        try {
            if (!isExisting()) {
                consortiumWide = caller.isCoordinator() && !caller.isInstitutionAdmin();
                if (consortiumWide) kind = AgreementKind.MULTILATERAL.name();
                caller.institution().filter(own -> caller.isInstitutionAdmin()).ifPresent(own -> parties = new ArrayList<>(List.of(own)));
            } else {
                AgreementView a = agreements.get(id);
                version = a.version();
                status = a.status().name();
                consortiumWide = a.consortiumWide();
                title = a.title();
                kind = a.kind() == null ? null : a.kind().name();
                parties = a.parties() == null ? new ArrayList<>() : new ArrayList<>(a.parties());
                AgreementScope s = a.scope();
                if (s != null && s.namesProgrammes()) {
                    scopeType = SCOPE_PROGRAMMES;
                    scopeProgrammes = new ArrayList<>(s.programmes());
                } else if (s != null) {
                    scopeType = SCOPE_ALL;
                    issuers = s.issuers() == null ? new ArrayList<>() : new ArrayList<>(s.issuers());
                    minNlqfLevel = s.minNlqfLevel();
                    maxNlqfLevel = s.maxNlqfLevel();
                    minEcts = s.minEcts();
                    maxEcts = s.maxEcts();
                }
                effect = a.effect() == null ? null : a.effect().name();
                terms = a.terms();
                validFrom = a.validFrom();
                validUntil = a.validUntil();
            }
        } catch (RegistryException e) {
            Messages.show(e, "form");
        }
    }

    public void save() throws IOException {
        AgreementScope scope = SCOPE_PROGRAMMES.equals(scopeType)
                ? new AgreementScope(copy(scopeProgrammes), List.of(), null, null, null, null)
                : new AgreementScope(List.of(), copy(issuers), blank(minNlqfLevel), blank(maxNlqfLevel), minEcts, maxEcts);
        var input = new AgreementInput(title, kind == null || kind.isBlank() ? null : AgreementKind.valueOf(kind), consortiumWide ? Boolean.TRUE : null,
                copy(parties), scope, effect == null || effect.isBlank() ? null : RecognitionEffect.valueOf(effect), terms, validFrom, validUntil);
        try {
            AgreementView saved = isExisting() ? agreements.update(id, input, OptionalInt.of(version)) : agreements.create(input);
            var external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            Messages.info("agreement.saved", saved.title());
            external.redirect(external.getRequestContextPath() + "/admin/agreements/view.xhtml?id=" + saved.id());
        } catch (RegistryException e) {
            Messages.show(e, "form");
        }
    }

    /** The member institutions to choose parties and issuers from: the active ones, and any already chosen. */
    public List<Option> getInstitutionOptions() {
        if (institutionOptions == null) {
            List<Option> options = new ArrayList<>();
            Set<String> listed = new TreeSet<>();
            int number = 1;
            Page<InstitutionView> page;
            do {
                page = institutions.list(new Institutions.Filter(null, null, null), new PageRequest(number++, PageRequest.MAX_PAGE_SIZE, "name"));
                for (InstitutionView i : page.items()) {
                    if (i.active() || parties.contains(i.code()) || issuers.contains(i.code())) {
                        options.add(new Option(i.code(), i.name()));
                        listed.add(i.code());
                    }
                }
            } while (page.hasNextPage() && number <= 40);
            for (String code : chosen(parties, issuers)) if (!listed.contains(code)) options.add(new Option(code, code));
            institutionOptions = options;
        }
        return institutionOptions;
    }

    /** The published programmes to name in the scope (any already named stay choosable). */
    public List<Option> getProgrammeOptions() {
        if (programmeOptions == null) {
            String language = FacesContext.getCurrentInstance().getViewRoot().getLocale().getLanguage();
            List<Option> options = new ArrayList<>();
            Set<String> listed = new TreeSet<>();
            var filter = new ProgrammeSearch.Filter(null, null, null, null, null, null, null, null, "PUBLISHED", null);
            int number = 1;
            Page<ProgrammeView> page;
            do {
                page = programmes.list(filter, new PageRequest(number++, PageRequest.MAX_PAGE_SIZE, "title"));
                for (ProgrammeView p : page.items()) {
                    options.add(new Option(p.id(), p.titleIn(language) + " (" + p.institutionName() + (p.ects() == null ? "" : ", " + p.ects().stripTrailingZeros().toPlainString() + " EC") + ")"));
                    listed.add(p.id());
                }
            } while (page.hasNextPage() && number <= 40);
            options.sort(Comparator.comparing(Option::label, String.CASE_INSENSITIVE_ORDER));
            for (String pid : scopeProgrammes) if (!listed.contains(pid)) options.add(new Option(pid, pid));
            programmeOptions = options;
        }
        return programmeOptions;
    }

    private static Set<String> chosen(List<String> a, List<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values.stream().filter(v -> v != null && !v.isBlank()).toList());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public List<String> getNlqfLevels() { return NlqfLevel.codes(); }
    public AgreementKind[] getKinds() { return AgreementKind.values(); }
    public RecognitionEffect[] getEffects() { return RecognitionEffect.values(); }
    public boolean isExisting() { return id != null && !id.isBlank(); }
    /** Once proposed, the parties of an agreement do not change (a disabled field is not submitted: the stored parties stay). */
    public boolean isPartiesFixed() { return isExisting() && status != null && !"DRAFT".equals(status); }
    public boolean isNamedProgrammes() { return SCOPE_PROGRAMMES.equals(scopeType); }
    public boolean isMayEdit() { return consortiumWide ? caller.isCoordinator() : caller.isInstitutionAdmin(); }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getStatus() { return status; }
    public boolean isConsortiumWide() { return consortiumWide; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public List<String> getParties() { return parties; }
    public void setParties(List<String> parties) { this.parties = parties == null ? new ArrayList<>() : new ArrayList<>(parties); }
    public String getScopeType() { return scopeType; }
    public void setScopeType(String scopeType) { this.scopeType = scopeType; }
    public List<String> getIssuers() { return issuers; }
    public void setIssuers(List<String> issuers) { this.issuers = issuers == null ? new ArrayList<>() : new ArrayList<>(issuers); }
    public String getMinNlqfLevel() { return minNlqfLevel; }
    public void setMinNlqfLevel(String minNlqfLevel) { this.minNlqfLevel = minNlqfLevel; }
    public String getMaxNlqfLevel() { return maxNlqfLevel; }
    public void setMaxNlqfLevel(String maxNlqfLevel) { this.maxNlqfLevel = maxNlqfLevel; }
    public BigDecimal getMinEcts() { return minEcts; }
    public void setMinEcts(BigDecimal minEcts) { this.minEcts = minEcts; }
    public BigDecimal getMaxEcts() { return maxEcts; }
    public void setMaxEcts(BigDecimal maxEcts) { this.maxEcts = maxEcts; }
    public List<String> getScopeProgrammes() { return scopeProgrammes; }
    public void setScopeProgrammes(List<String> scopeProgrammes) { this.scopeProgrammes = scopeProgrammes == null ? new ArrayList<>() : new ArrayList<>(scopeProgrammes); }
    public String getEffect() { return effect; }
    public void setEffect(String effect) { this.effect = effect; }
    public String getTerms() { return terms; }
    public void setTerms(String terms) { this.terms = terms; }
    public LocalDate getValidFrom() { return validFrom; }
    public void setValidFrom(LocalDate validFrom) { this.validFrom = validFrom; }
    public LocalDate getValidUntil() { return validUntil; }
    public void setValidUntil(LocalDate validUntil) { this.validUntil = validUntil; }
}
