package nl.microcredentials.registry.programmes.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.platform.cache.Generation;
import nl.microcredentials.registry.platform.cache.Grid;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.web.RequestLocale;
import nl.microcredentials.registry.programmes.control.PilotRules;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.control.ProgrammeRules;
import nl.microcredentials.registry.programmes.control.ProgrammeSearch;
import nl.microcredentials.registry.programmes.control.QualityAssurance;
import nl.microcredentials.registry.programmes.entity.Programme;
import nl.microcredentials.registry.programmes.entity.ProgrammeStatus;
import nl.microcredentials.registry.programmes.entity.ProgrammeVersion;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The programmes component's facade, shared by the REST resources and the admin pages: registration under the
 * pilot's rules, publication and withdrawal, versions, the catalogue and verification.
 * <p>
 * Versions: a programme that was never published is edited in place; a change to a published programme makes a new
 * version that is published at once (the earlier one stays readable and unchanged); a change to a withdrawn programme
 * makes a new draft version.
 */
@ApplicationScoped
@Transactional
public class Programmes {

    static final int MAX_REASON = 2000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    RequestLocale locale;

    @Inject
    ProgrammeRules rules;

    @Inject
    PilotRules pilot;

    @Inject
    BadgeClassChecks badgeClassChecks;

    @Inject
    Grid grid;

    @Inject
    jakarta.enterprise.inject.Instance<nl.microcredentials.registry.programmes.control.RecognitionCounter> recognition;

    @Inject
    @ConfigProperty(name = "registry.db.url")
    String databaseUrl;

    // ---- reading -----------------------------------------------------------------------------

    public Page<ProgrammeView> list(ProgrammeSearch.Filter filter, PageRequest pageRequest) {
        var page = pageRequest.validated(ProgrammeSearch.SORTABLE, filter.hasText() ? "-relevance" : "-updatedAt");
        if (!filter.hasText() && page.orderBy().contains("relevance")) {
            throw RegistryException.invalid("sort", "relevance needs a search text (q)");
        }
        var search = new ProgrammeSearch(databaseUrl.startsWith("jdbc:postgresql:"));
        var visibility = visibility();
        var count = search.count(filter, visibility);
        // counted once per catalogue generation, filter and visibility: every page of a search shares the count
        long total = grid.remembered("programme-count|" + visibility + "|" + filter, Long.class,
                () -> ((Number) bind(em.createNativeQuery(count.text()), count.parameters()).getSingleResult()).longValue(), Generation.CATALOGUE);
        if (total == 0) return Page.of(List.of(), page, 0);
        var sql = search.page(filter, visibility, page.orderBy(), page.offset(), page.size());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery(sql.text()), sql.parameters()).getResultList();
        List<String> ids = rows.stream().map(r -> (String) r[0]).toList();
        return Page.of(current(ids), page, total);
    }

    /** Counts per institution, NLQF level, language and form of participation over what the filter finds (the catalogue's facets). */
    public Facets facets(ProgrammeSearch.Filter filter) {
        var visibility = visibility();
        return grid.remembered("programme-facets|" + visibility + "|" + filter, Facets.class, () -> countFacets(filter, visibility), Generation.CATALOGUE);
    }

    private Facets countFacets(ProgrammeSearch.Filter filter, ProgrammeSearch.Visibility visibility) {
        var search = new ProgrammeSearch(databaseUrl.startsWith("jdbc:postgresql:"));
        Map<ProgrammeSearch.Facet, List<Facets.Count>> counts = new java.util.EnumMap<>(ProgrammeSearch.Facet.class);
        for (ProgrammeSearch.Facet facet : ProgrammeSearch.Facet.values()) {
            var sql = search.facet(facet, filter, visibility);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = bind(em.createNativeQuery(sql.text()), sql.parameters()).getResultList();
            counts.put(facet, rows.stream().map(r -> new Facets.Count(String.valueOf(r[0]), ((Number) r[1]).longValue())).toList());
        }
        return new Facets(counts.get(ProgrammeSearch.Facet.INSTITUTION), counts.get(ProgrammeSearch.Facet.NLQF_LEVEL),
                counts.get(ProgrammeSearch.Facet.LANGUAGE), counts.get(ProgrammeSearch.Facet.PARTICIPATION));
    }

    /** The current versions of these programmes, in the order given, in two queries whatever their number. */
    private List<ProgrammeView> current(List<String> ids) {
        if (ids.isEmpty()) return List.of();
        List<ProgrammeVersion> versions = em.createNamedQuery(ProgrammeVersion.CURRENT_OF, ProgrammeVersion.class)
                .setParameter("ids", ids)
                .setHint("eclipselink.batch.type", "IN")
                .setHint("eclipselink.batch", "v.languages")
                .setHint("eclipselink.batch", "v.participation")
                .setHint("eclipselink.join-fetch", "v.programme.institution")
                .getResultList();
        Map<String, ProgrammeView> byId = new HashMap<>();
        for (ProgrammeVersion v : versions) {
            Programme p = v.getProgramme();
            // a pending draft revision of a published programme (an OOAPI import's) is its institution's business
            boolean pending = v.getPublishedAt() == null && p.getStatus() != ProgrammeStatus.DRAFT && !isStaffOf(p);
            byId.put(p.getId(), ProgrammeView.of(p, pending ? latestPublished(p) : v));
        }
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    public ProgrammeView get(String id) {
        Programme programme = visible(id);
        if (isStaffOf(programme)) return ProgrammeView.withFindings(programme, version(programme, programme.getLatestVersion()));
        return ProgrammeView.of(programme, latestPublished(programme));
    }

    /**
     * The newest published version: what the public reads of a programme, also while a revision is being drafted (of a
     * published or of a withdrawn programme).
     */
    private ProgrammeVersion latestPublished(Programme programme) {
        if (programme.getPublishedVersion() == null) throw RegistryException.notFound("Programme", programme.getId());
        return version(programme, programme.getPublishedVersion());
    }

    public List<VersionSummary> versions(String id) {
        Programme programme = visible(id);
        boolean staff = isStaffOf(programme);
        return em.createNamedQuery(ProgrammeVersion.OF_PROGRAMME, ProgrammeVersion.class).setParameter("programme", programme)
                .getResultStream()
                .filter(v -> staff || v.getPublishedAt() != null)
                .map(v -> new VersionSummary(v.getNumber(), v.getTitleEn(), v.getTitleNl(), v.getEcts(), v.getCreatedAt(),
                        v.getPublishedAt(), v.getNumber() == programme.getLatestVersion()))
                .toList();
    }

    public ProgrammeView version(String id, int number) {
        Programme programme = visible(id);
        ProgrammeVersion version = findVersion(programme, number)
                .filter(v -> isStaffOf(programme) || v.getPublishedAt() != null)
                .orElseThrow(() -> RegistryException.notFound("Version", id + "/" + number));
        return isStaffOf(programme) ? ProgrammeView.withFindings(programme, version) : ProgrammeView.of(programme, version);
    }

    /**
     * A published version as Open Badges describes it: the newest published one ({@code number} null) or that one; 404
     * for a programme never published or a version that was not. Public: published versions are.
     */
    public nl.microcredentials.registry.programmes.control.Achievements.PublishedVersion published(String id, Integer number) {
        Programme programme = id == null ? null : em.find(Programme.class, id);
        if (programme == null) throw RegistryException.notFound("Programme", id);
        List<ProgrammeVersion> published = em.createNamedQuery(ProgrammeVersion.OF_PROGRAMME, ProgrammeVersion.class)
                .setParameter("programme", programme).getResultStream().filter(v -> v.getPublishedAt() != null).toList();
        if (published.isEmpty()) throw RegistryException.notFound("Programme", id);
        ProgrammeVersion version = number == null ? published.get(0) : published.stream().filter(v -> v.getNumber() == number)
                .findFirst().orElseThrow(() -> RegistryException.notFound("Published version", id + "/" + number));
        Institution i = programme.getInstitution();
        return new nl.microcredentials.registry.programmes.control.Achievements.PublishedVersion(programme.getId(), version.getNumber(),
                version.draft(), new nl.microcredentials.registry.institutions.control.IssuerProfile.Issuer(i.getCode(), i.getName(),
                        i.getWebsite(), i.getBrin(), i.getSchacHome()));
    }

    // ---- changing ----------------------------------------------------------------------------

    public ProgrammeView create(ProgrammeInput input) {
        caller.requireAuthenticated();
        if (!caller.isInstitutionAdmin()) {
            throw RegistryException.forbidden("Only an institution admin registers programmes, for their own institution");
        }
        Institution institution = em.createNamedQuery(Institution.BY_CODE, Institution.class)
                .setParameter("code", caller.institution().orElseThrow()).getResultStream().findFirst()
                .orElseThrow(() -> RegistryException.forbidden("The token's institution is not a member"));
        if (!institution.isActive()) {
            throw RegistryException.forbidden("Institution '" + institution.getCode() + "' is not an active member");
        }
        ProgrammeDraft draft = checked(input, institution, null);
        Programme programme = new Programme(institution);
        em.persist(programme);
        ProgrammeVersion version = new ProgrammeVersion(programme, 1);
        version.apply(draft);
        em.persist(version);
        em.flush();
        return ProgrammeView.of(programme, version);
    }

    public ProgrammeView update(String id, ProgrammeInput input, OptionalInt ifMatch) {
        Programme programme = writable(id);
        ETags.check(ifMatch, programme.getVersion());
        if (programme.getStatus() == ProgrammeStatus.PUBLISHED) requireActiveMember(programme, "publish a new version of");
        ProgrammeDraft draft = checked(input, programme.getInstitution(), programme.getId());
        if (programme.getStatus() == ProgrammeStatus.PUBLISHED) {
            // the change goes public at once, so it must be complete
            requireComplete(draft);
        }
        ProgrammeVersion latest = version(programme, programme.getLatestVersion());
        ProgrammeVersion target = latest;
        if (latest.getPublishedAt() != null) {
            target = new ProgrammeVersion(programme, latest.getNumber() + 1);
            programme.newVersion(target.getNumber());
            target.apply(draft);
            if (programme.getStatus() == ProgrammeStatus.PUBLISHED) {
                target.publish(now());
                programme.ruleFindings(null, null); // the new content was checked against today's rules
            }
            em.persist(target);
            if (target.getPublishedAt() != null) badgeClassChecks.published(programme, target);
        } else {
            target.apply(draft);
            if (programme.getStatus() == ProgrammeStatus.PUBLISHED) {
                // a published programme with a pending draft revision (an OOAPI import's): the change publishes it
                target.publish(now());
                programme.ruleFindings(null, null);
                badgeClassChecks.published(programme, target);
            }
        }
        programme.changed();
        em.flush();
        return ProgrammeView.of(programme, target);
    }

    public ProgrammeView publish(String id, OptionalInt ifMatch) {
        Programme programme = writable(id);
        ETags.check(ifMatch, programme.getVersion());
        if (programme.getStatus() == ProgrammeStatus.PUBLISHED && !hasPendingRevision(programme)) {
            // a published programme publishes only a pending draft revision (an OOAPI import's)
            throw illegal(programme, "publish");
        }
        requireActiveMember(programme, "publish");
        ProgrammeVersion latest = version(programme, programme.getLatestVersion());
        ProgrammeDraft draft = latest.draft();
        requireComplete(draft);
        List<FieldError> errors = rules.validate(draft, programme.getInstitution().getSector(), locale.get());
        if (!errors.isEmpty()) {
            throw RegistryException.conflict("The programme breaks the pilot's rules; correct it before publishing", errors);
        }
        ProgrammeVersion target = latest;
        if (latest.getPublishedAt() != null) {
            // republishing a withdrawn programme: its content as a new version
            target = new ProgrammeVersion(programme, latest.getNumber() + 1);
            target.apply(draft);
            programme.newVersion(target.getNumber());
            em.persist(target);
        }
        Instant now = now();
        target.publish(now);
        programme.published(now);
        programme.changed();
        badgeClassChecks.published(programme, target);
        em.flush();
        return ProgrammeView.of(programme, target);
    }

    public ProgrammeView withdraw(String id, String reason, OptionalInt ifMatch) {
        Programme programme = writable(id);
        ETags.check(ifMatch, programme.getVersion());
        if (reason == null || reason.isBlank()) throw RegistryException.invalid("reason", "is required to withdraw a programme");
        if (reason.length() > MAX_REASON) throw RegistryException.invalid("reason", "must be at most " + MAX_REASON + " characters");
        if (programme.getStatus() != ProgrammeStatus.PUBLISHED) {
            throw illegal(programme, "withdraw");
        }
        programme.withdraw(reason.trim(), now());
        programme.changed();
        em.flush();
        return ProgrammeView.of(programme, version(programme, programme.getLatestVersion()));
    }

    // ---- the OOAPI import (issue 13) ---------------------------------------------------------

    /** Where an import wrote content: the programme and the (unpublished) version that holds it. */
    public record ImportedDraft(String programmeId, int versionNumber, boolean created) { }

    /**
     * Writes content that an OOAPI import read as a draft, in the name of the import (no caller here: the import's
     * facade checked who may sync). {@code programmeId} null: a new programme of the institution. Otherwise the
     * programme's unpublished latest version is edited in place, or, when its latest version was published (a published
     * or withdrawn programme), a new draft version follows it. Never publishes. The pilot's rules for the institution's
     * sector apply as to any change (400 naming the fields), and a badge class of another programme is a 409.
     */
    public ImportedDraft importDraft(String institutionCode, String programmeId, ProgrammeDraft draft) {
        Institution institution = em.createNamedQuery(Institution.BY_CODE, Institution.class).setParameter("code", institutionCode)
                .getResultStream().findFirst().orElseThrow(() -> RegistryException.notFound("Institution", institutionCode));
        List<FieldError> errors = rules.validate(draft, institution.getSector(), java.util.Locale.ENGLISH);
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);
        String badge = draft.edubadgeBadgeClassUrl() == null || draft.edubadgeBadgeClassUrl().isBlank() ? null : draft.edubadgeBadgeClassUrl().trim();
        if (badge != null && em.createNamedQuery(ProgrammeVersion.BY_BADGE_CLASS, ProgrammeVersion.class).setParameter("url", badge)
                .getResultStream().anyMatch(v -> !v.getProgramme().getId().equals(programmeId))) {
            throw RegistryException.conflict("Another programme has this badge class",
                    List.of(new FieldError("edubadgeBadgeClassUrl", "is already registered for another programme")));
        }
        if (programmeId == null) {
            Programme programme = new Programme(institution);
            em.persist(programme);
            ProgrammeVersion version = new ProgrammeVersion(programme, 1);
            version.apply(draft);
            em.persist(version);
            em.flush();
            return new ImportedDraft(programme.getId(), 1, true);
        }
        Programme programme = em.find(Programme.class, programmeId);
        if (programme == null || !programme.getInstitution().getCode().equals(institutionCode)) {
            throw RegistryException.notFound("Programme", programmeId);
        }
        ProgrammeVersion latest = version(programme, programme.getLatestVersion());
        ProgrammeVersion target = latest;
        if (latest.getPublishedAt() != null) {
            target = new ProgrammeVersion(programme, latest.getNumber() + 1);
            target.apply(draft);
            programme.newVersion(target.getNumber());
            em.persist(target);
        } else {
            target.apply(draft);
        }
        programme.changed();
        em.flush();
        return new ImportedDraft(programme.getId(), target.getNumber(), false);
    }

    /** The content of a programme's latest version, published or not (what an import compares with); empty for an unknown programme. */
    public Optional<ProgrammeDraft> latestContent(String programmeId) {
        Programme programme = programmeId == null ? null : em.find(Programme.class, programmeId);
        if (programme == null) return Optional.empty();
        return findVersion(programme, programme.getLatestVersion()).map(ProgrammeVersion::draft);
    }

    /** Whether a programme's latest version is an unpublished revision after a published one. */
    private boolean hasPendingRevision(Programme programme) {
        return programme.getFirstPublishedAt() != null && version(programme, programme.getLatestVersion()).getPublishedAt() == null;
    }

    // ---- rule findings -----------------------------------------------------------------------

    /**
     * An institution's sector changed: re-checks its published programmes against the pilot's rules for the new sector
     * and records what they no longer satisfy (shown to the institution and the coordinators; cleared by publishing a
     * corrected version). A published version itself never changes.
     */
    void institutionChanged(@jakarta.enterprise.event.Observes nl.microcredentials.registry.institutions.boundary.InstitutionChanged change) {
        if (!change.sectorChanged()) return;
        Instant now = now();
        List<Programme> published = em.createQuery("SELECT p FROM Programme p WHERE p.institution.code = :code AND p.status = :status", Programme.class)
                .setParameter("code", change.code()).setParameter("status", ProgrammeStatus.PUBLISHED).getResultList();
        for (Programme p : published) {
            ProgrammeDraft d = latestPublished(p).draft();
            List<FieldError> errors = new ArrayList<>(rules.validate(d, change.sectorAfter(), java.util.Locale.ENGLISH));
            String findings = errors.stream().map(e -> e.field() + ": " + e.message()).distinct().collect(java.util.stream.Collectors.joining("\n"));
            if (findings.length() > 3900) findings = findings.substring(0, 3900) + " ...";
            p.ruleFindings(findings, now);
        }
        em.flush();
    }

    /** Published programmes with rule findings: the caller's institution's, or all of them for coordinators. */
    public List<ProgrammeView> withRuleFindings() {
        caller.requireAuthenticated();
        String own = caller.isCoordinator() ? null : caller.institution().orElse(null);
        if (own == null && !caller.isCoordinator()) return List.of();
        var query = em.createQuery("SELECT p FROM Programme p WHERE p.ruleFindings IS NOT NULL"
                + (own == null ? "" : " AND p.institution.code = :code") + " ORDER BY p.ruleFindingsAt DESC", Programme.class);
        if (own != null) query.setParameter("code", own);
        List<Programme> found = query.setMaxResults(200).getResultList();
        return found.stream().map(p -> ProgrammeView.withFindings(p, latestPublished(p))).toList();
    }

    // ---- verification ------------------------------------------------------------------------

    public Verification verifyBadgeClass(String badgeClassUrl) {
        if (badgeClassUrl == null || badgeClassUrl.isBlank()) {
            throw RegistryException.invalid("badgeClassUrl", "is required");
        }
        String url = badgeClassUrl.trim();
        try {
            var uri = java.net.URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException();
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalid("badgeClassUrl", "must be an absolute URL");
        }
        // a draft does not count: only programmes the public may see
        // published versions only (a withdrawn programme's too, whatever its drafts say): a published programme first,
        // and of a programme its newest published version with this badge class
        return em.createNamedQuery(ProgrammeVersion.PUBLISHED_BY_BADGE_CLASS, ProgrammeVersion.class).setParameter("url", url)
                .getResultStream()
                .min(Comparator.comparing((ProgrammeVersion v) -> v.getProgramme().getStatus() == ProgrammeStatus.PUBLISHED ? 0 : 1)
                        .thenComparing(ProgrammeVersion::getNumber, Comparator.reverseOrder()))
                .map(v -> verification(v.getProgramme(), latestPublished(v.getProgramme())))
                .orElseGet(() -> Verification.unknown(url));
    }

    public Verification verification(String id) {
        Programme programme = visible(id);
        if (programme.getFirstPublishedAt() == null) return verification(programme, version(programme, programme.getLatestVersion()));
        return verification(programme, latestPublished(programme));
    }

    Verification verification(Programme programme, ProgrammeVersion version) {
        ProgrammeDraft d = version.draft();
        boolean registered = programme.getStatus() == ProgrammeStatus.PUBLISHED && programme.getInstitution().isActive();
        String reason = switch (programme.getStatus()) {
            case PUBLISHED -> programme.getInstitution().isActive() ? null : "The institution is no longer a member of the pilot";
            case WITHDRAWN -> "The programme was withdrawn: " + programme.getWithdrawalReason();
            case DRAFT -> "The programme is not published";
        };
        Institution i = programme.getInstitution();
        return new Verification(registered, reason, d.edubadgeBadgeClassUrl(), programme.getId(), programme.getStatus(), d.title(),
                new Verification.Issuer(i.getCode(), i.getName(), i.getSector().name(), i.isActive()),
                d.ects(), d.studyHours(), d.nlqfLevel(), d.eqfLevel(), Boolean.TRUE.equals(d.levelVerified()), d.qualityAssurance(),
                d.microcredentialSince(), version.getNumber(), programme.getWithdrawnAt(),
                registered && recognition.isResolvable()
                        ? recognition.get().recognisingInstitutions(programme.getId(), i.getCode(), d.ects(), d.nlqfLevel()) : null,
                badgeClassChecks.publicView(programme.getId()).filter(c -> c.versionNumber() == version.getNumber()).orElse(null));
    }

    // ---- rules and access --------------------------------------------------------------------

    /** Validates a client's content and completes its defaults (study hours, quality assurance). */
    private ProgrammeDraft checked(ProgrammeInput input, Institution institution, String selfId) {
        if (input == null) throw RegistryException.invalid("body", "is required");
        ProgrammeDraft d = input.toDraft();
        List<FieldError> errors = new ArrayList<>(rules.validate(d, institution.getSector(), locale.get()));
        if (d.participation() != null && d.participation().contains(null)) {
            errors.add(new FieldError("participation", "must not contain null"));
        }
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);
        Integer hours = d.studyHours() == null && d.ects() != null ? pilot.defaultStudyHours(d.ects()) : d.studyHours();
        QualityAssurance qa = d.qualityAssurance() == null || d.qualityAssurance().name() == null || d.qualityAssurance().name().isBlank()
                ? QualityAssurance.DUTCH_FRAMEWORK : d.qualityAssurance();
        String badge = d.edubadgeBadgeClassUrl() == null || d.edubadgeBadgeClassUrl().isBlank() ? null : d.edubadgeBadgeClassUrl().trim();
        if (badge != null) {
            boolean taken = em.createNamedQuery(ProgrammeVersion.BY_BADGE_CLASS, ProgrammeVersion.class).setParameter("url", badge)
                    .getResultStream().anyMatch(v -> !v.getProgramme().getId().equals(selfId));
            if (taken) {
                throw RegistryException.conflict("Another programme has this badge class",
                        List.of(new FieldError("edubadgeBadgeClassUrl", "is already registered for another programme")));
            }
        }
        return new ProgrammeDraft(d.courseCode(), d.title(), d.description(), d.learningOutcomes(), d.ects(), hours, d.nlqfLevel(),
                d.eqfLevel(), d.levelVerified(), d.participation(), d.assessmentSupervised(), d.identityVerified(), d.assessmentType(),
                qa, d.prerequisites(), d.gradeRecorded(), d.stackableTowards(), d.languages(), d.iscedField(), badge,
                d.microcredentialSince(), d.experimental());
    }

    private void requireComplete(ProgrammeDraft draft) {
        List<FieldError> missing = rules.missingForPublication(draft, locale.get());
        if (!missing.isEmpty()) {
            throw RegistryException.conflict("A published programme needs every mandatory element (EU Council Recommendation 2022/C 243/02, Annex I)", missing);
        }
    }

    /** An institution that is no longer an active member publishes nothing (its published programmes stay readable). */
    private static void requireActiveMember(Programme programme, String action) {
        Institution i = programme.getInstitution();
        if (!i.isActive()) {
            throw RegistryException.forbidden("Institution '" + i.getCode() + "' is not an active member of the pilot: it cannot " + action
                    + " a programme");
        }
    }

    private RegistryException illegal(Programme programme, String action) {
        List<String> allowed = switch (programme.getStatus()) {
            case DRAFT -> List.of("publish");
            case PUBLISHED -> List.of("withdraw");
            case WITHDRAWN -> List.of("publish");
        };
        return new RegistryException(409, "illegal-transition", "Conflict",
                "A " + programme.getStatus() + " programme cannot " + action + "; allowed now: " + String.join(", ", allowed),
                null, allowed);
    }

    private ProgrammeSearch.Visibility visibility() {
        if (caller.isCoordinator()) return new ProgrammeSearch.Visibility(true, null);
        if (caller.isInstitutionAdmin() || caller.isBoardMember()) {
            return new ProgrammeSearch.Visibility(false, caller.institution().orElse(null));
        }
        return ProgrammeSearch.Visibility.publicOnly();
    }

    private boolean isStaffOf(Programme programme) {
        return caller.isCoordinator() || caller.belongsTo(programme.getInstitution().getCode());
    }

    /** A programme the caller may see: drafts only to its institution and coordinators (others get 404). */
    private Programme visible(String id) {
        Programme programme = id == null ? null : em.find(Programme.class, id);
        if (programme == null || (programme.getStatus() == ProgrammeStatus.DRAFT && !isStaffOf(programme))) {
            throw RegistryException.notFound("Programme", id);
        }
        return programme;
    }

    /** A programme the caller may change: its own institution's admins only. */
    private Programme writable(String id) {
        caller.requireAuthenticated();
        Programme programme = visible(id);
        if (!(caller.isInstitutionAdmin() && caller.institution().orElse("").equals(programme.getInstitution().getCode()))) {
            throw RegistryException.forbidden("Only an admin of '" + programme.getInstitution().getCode() + "' may change its programmes");
        }
        return programme;
    }

    private ProgrammeVersion version(Programme programme, int number) {
        return findVersion(programme, number).orElseThrow(() -> new IllegalStateException("Missing version " + number + " of " + programme.getId()));
    }

    private Optional<ProgrammeVersion> findVersion(Programme programme, int number) {
        return em.createNamedQuery(ProgrammeVersion.NUMBER, ProgrammeVersion.class)
                .setParameter("programme", programme).setParameter("number", number).getResultStream().findFirst();
    }

    private static jakarta.persistence.Query bind(jakarta.persistence.Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) query.setParameter(i + 1, parameters.get(i));
        return query;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
