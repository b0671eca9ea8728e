package nl.microcredentials.registry.agreements.boundary;

import nl.microcredentials.registry.notifications.boundary.Outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nl.microcredentials.registry.agreements.control.AgreementLifecycle;
import nl.microcredentials.registry.agreements.control.AgreementLifecycle.Action;
import nl.microcredentials.registry.agreements.control.AgreementRules;
import nl.microcredentials.registry.agreements.control.AgreementScope;
import nl.microcredentials.registry.agreements.control.AgreementTerms;
import nl.microcredentials.registry.agreements.entity.Agreement;
import nl.microcredentials.registry.agreements.entity.AgreementApproval;
import nl.microcredentials.registry.agreements.entity.AgreementEvent;
import nl.microcredentials.registry.agreements.entity.AgreementKind;
import nl.microcredentials.registry.agreements.entity.AgreementStatus;
import nl.microcredentials.registry.agreements.entity.AgreementVersion;
import nl.microcredentials.registry.agreements.entity.RecognitionEffect;
import nl.microcredentials.registry.agreements.entity.Webhook;
import nl.microcredentials.registry.agreements.entity.WebhookDelivery;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.programmes.control.RecognitionCounter;
import nl.microcredentials.registry.programmes.entity.Programme;
import nl.microcredentials.registry.programmes.entity.ProgrammeStatus;
import nl.microcredentials.registry.programmes.entity.ProgrammeVersion;

/**
 * The agreements component's facade, shared by the REST resources and the admin pages: agreements and their lifecycle,
 * approvals by hash, history, the recognition query, and the change notifications that go with every change.
 * <p>
 * Every change locks the agreement's row ({@code SELECT ... FOR UPDATE}) for its transaction: two parties approving
 * at the same moment both count, and an edit racing an approval is seen by whichever comes second, so an ACTIVE
 * agreement's approvals always name its active terms.
 */
@ApplicationScoped
@Transactional
public class Agreements implements RecognitionCounter {

    static final int MAX_REASON = 2000;
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final Map<String, String> SORTABLE = Map.of("updatedAt", "a.updatedAt", "createdAt", "a.createdAt", "title", "a.title");

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Outbox outbox;

    Clock clock = Clock.system(ZONE);

    /** Filters of the list; all optional. */
    public record Filter(String institution, AgreementStatus status, String programme, Instant updatedSince) { }

    // ---- reading -----------------------------------------------------------------------------

    public Page<AgreementView> list(Filter filter, PageRequest pageRequest) {
        var page = pageRequest.validated(SORTABLE, "-updatedAt");
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        LocalDate today = today();
        if (!caller.isCoordinator()) {
            String publicStatuses = "a.status IN (nl.microcredentials.registry.agreements.entity.AgreementStatus.ACTIVE,"
                    + " nl.microcredentials.registry.agreements.entity.AgreementStatus.TERMINATED)";
            Optional<String> own = staffInstitution();
            if (own.isPresent()) {
                where.append(" AND (").append(publicStatuses).append(" OR EXISTS (SELECT v.id FROM AgreementVersion v JOIN v.parties vp")
                        .append(" WHERE v.agreement = a AND vp = :own AND (v.number = a.currentVersion OR v.number = a.activeVersion)))");
                params.put("own", own.get());
            } else {
                where.append(" AND ").append(publicStatuses);
            }
        }
        if (filter.institution() != null) {
            where.append(" AND EXISTS (SELECT w.id FROM AgreementVersion w JOIN w.parties wp WHERE w.agreement = a AND wp = :party")
                    .append(" AND (w.number = a.currentVersion OR w.number = a.activeVersion))");
            params.put("party", filter.institution());
        }
        if (filter.status() != null) {
            String expired = "(a.validUntil IS NOT NULL AND a.validUntil < :today)";
            switch (filter.status()) {
                case DRAFT, TERMINATED -> where.append(" AND a.status = :status");
                case ACTIVE, PROPOSED -> where.append(" AND a.status = :status AND NOT ").append(expired);
                case EXPIRED -> where.append(" AND a.status IN (nl.microcredentials.registry.agreements.entity.AgreementStatus.ACTIVE,")
                        .append(" nl.microcredentials.registry.agreements.entity.AgreementStatus.PROPOSED) AND ").append(expired);
            }
            if (filter.status() != AgreementStatus.EXPIRED) params.put("status", filter.status());
            if (filter.status() != AgreementStatus.DRAFT && filter.status() != AgreementStatus.TERMINATED) params.put("today", today);
        }
        if (filter.updatedSince() != null) {
            where.append(" AND a.updatedAt >= :since");
            params.put("since", filter.updatedSince());
        }
        String order = " ORDER BY " + page.orderBy() + ", a.id";
        if (filter.programme() != null) {
            // scope matching needs the programme's facts: the candidates are filtered here, then paged
            AgreementScope.Programme p = programmeFacts(filter.programme())
                    .orElseThrow(() -> RegistryException.invalid("programme", "is not a registered programme"));
            List<Agreement> candidates = bind(em.createQuery("SELECT a FROM Agreement a" + where + order, Agreement.class), params).getResultList();
            Map<String, Shown> shown = shownVersions(candidates);
            List<Agreement> covering = candidates.stream().filter(a -> {
                AgreementVersion v = shown.containsKey(a.getId()) ? shown.get(a.getId()).version() : null;
                return v != null && v.scope().covers(p, v.getParties());
            }).toList();
            List<Agreement> slice = covering.stream().skip(page.offset()).limit(page.size()).toList();
            return Page.of(views(slice), page, covering.size());
        }
        long total = bind(em.createQuery("SELECT COUNT(a) FROM Agreement a" + where, Long.class), params).getSingleResult();
        if (total == 0) return Page.of(List.of(), page, 0);
        List<Agreement> agreements = bind(em.createQuery("SELECT a FROM Agreement a" + where + order, Agreement.class), params)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return Page.of(views(agreements), page, total);
    }

    public AgreementView get(String id) {
        Agreement a = visible(id, false);
        return views(List.of(a)).get(0);
    }

    public List<AgreementView.VersionView> versions(String id) {
        Agreement a = visible(id, false);
        boolean staff = isStaffOf(a);
        Map<String, List<AgreementView.ApprovalView>> approvals = approvalsByHash(List.of(a)).getOrDefault(a.getId(), Map.of());
        return em.createNamedQuery(AgreementVersion.OF_AGREEMENT, AgreementVersion.class).setParameter("agreement", a).getResultStream()
                .filter(v -> staff || (a.getActiveVersion() != null && v.getNumber() <= a.getActiveVersion()))
                .map(v -> versionView(a, v, approvals.getOrDefault(v.getTermsHash(), List.of())))
                .toList();
    }

    public AgreementView.VersionView version(String id, int number) {
        return versions(id).stream().filter(v -> v.number() == number).findFirst()
                .orElseThrow(() -> RegistryException.notFound("Version", id + "/" + number));
    }

    public List<AgreementView.HistoryEntry> history(String id) {
        Agreement a = visible(id, false);
        List<AgreementView.HistoryEntry> entries = new ArrayList<>(em.createNamedQuery(AgreementEvent.OF_AGREEMENT, AgreementEvent.class)
                .setParameter("agreement", a.getId()).getResultStream()
                .map(e -> new AgreementView.HistoryEntry(e.getAt(), e.getAction().name(), e.getActor(), e.getActorInstitution(), e.getFrom(),
                        e.getTo(), e.getVersionNumber(), e.getTermsHash(), e.getDetail()))
                .toList());
        AgreementStatus effective = status(a);
        if (effective == AgreementStatus.EXPIRED) {
            // computed, not stored: the day after validUntil
            entries.add(new AgreementView.HistoryEntry(a.getValidUntil().plusDays(1).atStartOfDay(ZONE).toInstant(), "EXPIRED", "registry",
                    null, a.getStatus(), AgreementStatus.EXPIRED, a.getActiveVersion(), null, "validUntil " + a.getValidUntil() + " has passed"));
        }
        return entries;
    }

    // ---- changing ----------------------------------------------------------------------------

    public AgreementView create(AgreementInput input) {
        caller.requireAuthenticated();
        if (input == null) throw RegistryException.invalid("body", "is required");
        boolean consortiumWide = Boolean.TRUE.equals(input.consortiumWide());
        String creatorInstitution = null;
        if (consortiumWide) {
            if (!caller.isCoordinator()) throw RegistryException.forbidden("Only a national coordinator creates the consortium-wide agreement");
            if (input.kind() != null && input.kind() != AgreementKind.MULTILATERAL) {
                throw RegistryException.invalid("kind", "the consortium-wide agreement is MULTILATERAL");
            }
        } else {
            if (!caller.isInstitutionAdmin()) {
                throw RegistryException.forbidden("Only an institution admin of a party creates an agreement (coordinators: the consortium-wide one)");
            }
            creatorInstitution = caller.institution().orElseThrow();
        }
        AgreementTerms terms = checked(input, consortiumWide ? activeMembers() : List.of(), creatorInstitution);
        Agreement a = new Agreement(input.title().strip(), consortiumWide, actor(), creatorInstitution);
        em.persist(a);
        AgreementVersion v = new AgreementVersion(a, 1, actor());
        v.apply(terms);
        a.editedInPlace(terms.validUntil());
        em.persist(v);
        event(a, AgreementEvent.Action.CREATED, null, AgreementStatus.DRAFT, v, null);
        notifyParties(a, v.getParties(), "CREATED");
        em.flush();
        return views(List.of(a)).get(0);
    }

    public AgreementView update(String id, AgreementInput input, OptionalInt ifMatch) {
        Agreement a = lockedForChange(id);
        ETags.check(ifMatch, a.getVersion());
        AgreementStatus status = status(a);
        AgreementLifecycle.require(Action.EDIT, status, a.isPending(), a.isEverApproved());
        if (input == null) throw RegistryException.invalid("body", "is required");
        if (input.consortiumWide() != null && input.consortiumWide() != a.isConsortiumWide()) {
            throw RegistryException.invalid("consortiumWide", "cannot be changed");
        }
        AgreementVersion current = current(a);
        AgreementTerms terms = checked(input, a.isConsortiumWide() ? current.getParties() : List.of(),
                a.isConsortiumWide() ? null : caller.institution().orElse(null));
        if (status != AgreementStatus.DRAFT && !AgreementRules.sameParties(terms.parties(), allParties(a))) {
            // the parties are who approve and who are bound: once proposed, other parties make another agreement
            throw RegistryException.conflict("The parties of an agreement are fixed once it has been proposed: it binds "
                    + String.join(", ", new TreeSet<>(allParties(a))) + ". Make a new agreement between the other parties.",
                    List.of(new FieldError("parties", "cannot change after the agreement was proposed")));
        }
        Set<String> notified = new TreeSet<>(allParties(a));
        notified.addAll(terms.parties());
        a.retitle(input.title().strip());
        String newHash = terms.hash();
        if (!newHash.equals(current.getTermsHash())) {
            if (status == AgreementStatus.DRAFT) {
                current.apply(terms);
                a.editedInPlace(terms.validUntil());
                event(a, AgreementEvent.Action.EDITED, status, status, current, null);
            } else {
                // proposed terms are never changed: new terms are a new version, and earlier approvals do not count for it
                AgreementVersion next = new AgreementVersion(a, current.getNumber() + 1, actor());
                next.apply(terms);
                em.persist(next);
                a.newVersion(next.getNumber(), terms.validUntil());
                event(a, AgreementEvent.Action.NEW_VERSION, status, status, next,
                        "terms changed: approvals of " + current.getTermsHash() + " do not count for the new version");
                outbox.agreementAwaitsApproval(a.getId(), next.getNumber());
            }
        } else {
            event(a, AgreementEvent.Action.EDITED, status, status, current, "title only; the terms and their hash are unchanged");
        }
        a.changed();
        notifyParties(a, notified, "CHANGED");
        em.flush();
        return views(List.of(a)).get(0);
    }

    public AgreementView propose(String id, OptionalInt ifMatch) {
        Agreement a = lockedForChange(id);
        ETags.check(ifMatch, a.getVersion());
        AgreementLifecycle.require(Action.PROPOSE, status(a), a.isPending(), a.isEverApproved());
        AgreementVersion v = current(a);
        a.propose();
        a.changed();
        event(a, AgreementEvent.Action.PROPOSED, AgreementStatus.DRAFT, AgreementStatus.PROPOSED, v, null);
        notifyParties(a, allParties(a), "PROPOSED");
        outbox.agreementAwaitsApproval(a.getId(), v.getNumber());
        em.flush();
        return views(List.of(a)).get(0);
    }

    public AgreementView approve(String id, String termsHash, OptionalInt ifMatch) {
        caller.requireAuthenticated();
        if (termsHash == null || termsHash.isBlank()) throw RegistryException.invalid("termsHash", "is required: the hash of the terms you approve");
        if (!termsHash.trim().matches("[0-9a-fA-F]{64}")) throw RegistryException.invalid("termsHash", "must be a SHA-256 hash (64 hex digits)");
        String hash = termsHash.trim().toLowerCase(java.util.Locale.ROOT);
        Agreement a = locked(id);
        AgreementVersion v = current(a);
        String me = caller.isInstitutionAdmin() ? caller.institution().orElseThrow() : null;
        if (me == null || !allParties(a).contains(me)) {
            throw RegistryException.forbidden("Only an institution admin of a party approves an agreement");
        }
        ETags.check(ifMatch, a.getVersion());
        AgreementStatus status = status(a);
        if (!hash.equals(v.getTermsHash())) {
            throw RegistryException.conflict("The terms have changed: " + hash + " is not the current terms hash " + v.getTermsHash()
                    + " (version " + v.getNumber() + "). Read the agreement again and approve what it says now.",
                    List.of(new FieldError("termsHash", "is not the current terms hash")));
        }
        boolean already = approvals(a).stream().anyMatch(x -> x.getInstitution().equals(me) && x.getTermsHash().equals(hash));
        if (already) {
            throw RegistryException.conflict("'" + me + "' approved these terms already", List.of(new FieldError("termsHash", "is approved by " + me + " already")));
        }
        AgreementLifecycle.require(Action.APPROVE, status, a.isPending(), a.isEverApproved());
        Instant now = now();
        em.persist(new AgreementApproval(a, v.getNumber(), me, hash, actor(), now));
        a.approved();
        event(a, AgreementEvent.Action.APPROVED, status, status, v, null);
        Set<String> approvedBy = approvals(a).stream().filter(x -> x.getTermsHash().equals(hash)).map(AgreementApproval::getInstitution)
                .collect(Collectors.toSet());
        approvedBy.add(me);
        // in force only when every party of the new terms AND every party bound by the terms in force approved this hash
        if (approvedBy.containsAll(allParties(a))) {
            a.activate(v.getValidUntil());
            v.activated(now);
            event(a, AgreementEvent.Action.ACTIVATED, status, AgreementStatus.ACTIVE, v, "every party approved " + hash);
            outbox.agreementActive(a.getId(), v.getNumber());
        }
        a.changed();
        notifyParties(a, allParties(a), "APPROVED");
        em.flush();
        return views(List.of(a)).get(0);
    }

    public AgreementView terminate(String id, String reason, LocalDate effectiveOn, OptionalInt ifMatch) {
        Agreement a = lockedForChange(id, true);
        ETags.check(ifMatch, a.getVersion());
        List<FieldError> errors = new ArrayList<>();
        if (reason == null || reason.isBlank()) errors.add(new FieldError("reason", "is required to terminate an agreement"));
        else if (reason.length() > MAX_REASON) errors.add(new FieldError("reason", "must be at most " + MAX_REASON + " characters"));
        if (effectiveOn == null) errors.add(new FieldError("effectiveOn", "is required"));
        else if (effectiveOn.isBefore(today())) errors.add(new FieldError("effectiveOn", "must not be in the past"));
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);
        AgreementStatus status = status(a);
        AgreementLifecycle.require(Action.TERMINATE, status, a.isPending(), a.isEverApproved());
        a.terminate(effectiveOn, reason.strip());
        a.changed();
        AgreementVersion v = active(a).orElse(current(a));
        event(a, AgreementEvent.Action.TERMINATED, status, AgreementStatus.TERMINATED, v, "effective " + effectiveOn + ": " + reason.strip());
        notifyParties(a, allParties(a), "TERMINATED");
        outbox.agreementTerminated(a.getId(), caller.institution().orElse(actor()));
        em.flush();
        return views(List.of(a)).get(0);
    }

    public void delete(String id, OptionalInt ifMatch) {
        Agreement a = lockedForChange(id);
        ETags.check(ifMatch, a.getVersion());
        AgreementLifecycle.require(Action.DELETE, status(a), a.isPending(), a.isEverApproved());
        notifyParties(a, allParties(a), "DELETED");
        em.createQuery("DELETE FROM AgreementEvent e WHERE e.agreementId = :id").setParameter("id", a.getId()).executeUpdate();
        for (AgreementVersion v : em.createNamedQuery(AgreementVersion.OF_AGREEMENT, AgreementVersion.class).setParameter("agreement", a).getResultList()) {
            em.remove(v);
        }
        em.remove(a);
        em.flush();
    }

    // ---- recognition -------------------------------------------------------------------------

    public Recognition recognition(String programmeId, String institution) {
        return recognition(programmeId, null, institution);
    }

    /**
     * The agreements in force under which the institution recognises this programme, judged on the facts (EC, level)
     * of one published version ({@code versionNumber}; null: the newest published one), e.g. the version a learner earned.
     */
    public Recognition recognition(String programmeId, Integer versionNumber, String institution) {
        List<FieldError> errors = new ArrayList<>();
        if (programmeId == null || programmeId.isBlank()) errors.add(new FieldError("programme", "is required"));
        if (institution == null || institution.isBlank()) errors.add(new FieldError("institution", "is required"));
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);
        AgreementScope.Programme p = programmeFacts(programmeId.trim(), versionNumber)
                .orElseThrow(() -> RegistryException.notFound("Programme", programmeId));
        String code = institution.trim();
        if (em.createNamedQuery(Institution.BY_CODE, Institution.class).setParameter("code", code).getResultList().isEmpty()) {
            throw RegistryException.notFound("Institution", code);
        }
        List<Recognition.Applicable> applicable = inForce(code).stream()
                .filter(v -> !code.equals(p.issuer()) && v.scope().covers(p, v.getParties()))
                .sorted(Comparator.comparing((AgreementVersion v) -> v.getEffect().strength()).reversed()
                        .thenComparing(v -> v.getAgreement().getTitle()))
                .map(v -> new Recognition.Applicable(v.getAgreement().getId(), v.getAgreement().getTitle(), v.getKind(), v.getEffect(),
                        v.getNumber(), v.getTermsHash(), v.getValidFrom(), v.getValidUntil(), v.getAgreement().getTerminatedOn()))
                .toList();
        return new Recognition(p.id(), p.issuer(), code, !applicable.isEmpty(), applicable.isEmpty() ? null : applicable.get(0).effect(),
                applicable, Recognition.NOTE);
    }

    /**
     * The agreements in force under which the institution recognises a published programme version whose facts the
     * caller has read already, the strongest effect first: what {@link #recognition} answers, for the exemption requests
     * (recorded, read and decided) in one query whatever the number of agreements, instead of one for the version and
     * its institution and four for the agreements and their parties and scopes.
     */
    public List<Recognition.Applicable> applicable(AgreementScope.Programme p, String institution) {
        if (p == null || institution == null || institution.equals(p.issuer())) return List.of();
        LocalDate today = today();
        Map<String, InForceRow> versions = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(IN_FORCE_BETWEEN).setParameter(1, institution).setParameter(2, p.issuer()).getResultList();
        for (Object[] row : rows) {
            InForceRow v = versions.computeIfAbsent((String) row[0], id -> new InForceRow(row));
            String item = (String) row[17];
            switch ((String) row[16]) {
                case "P" -> v.parties.add(item);
                case "S" -> v.scopeProgrammes.add(item);
                default -> v.scopeIssuers.add(item);
            }
        }
        return versions.values().stream()
                .filter(v -> inForce(v.status, v.agreementValidUntil, v.validFrom, v.terminatedOn, today))
                .filter(v -> v.scope().covers(p, v.parties))
                .sorted(Comparator.comparing((InForceRow v) -> v.effect.strength()).reversed().thenComparing(v -> v.title))
                .map(v -> new Recognition.Applicable(v.agreementId, v.title, v.kind, v.effect, v.number, v.termsHash, v.validFrom, v.validUntil,
                        v.terminatedOn))
                .toList();
    }

    /**
     * The active versions of ACTIVE or TERMINATED agreements with both institutions as parties (?1, ?2), one row per
     * party (P), scope programme (S) and scope issuer (I) of each: the mapping of {@link AgreementVersion} and its three
     * collections, read in one statement (agreement_party's primary key and its institution index find the versions).
     */
    static final String IN_FORCE_BETWEEN = "SELECT v.id, v.number, v.kind, v.effect, v.terms_hash, v.valid_from, v.valid_until,"
            + " v.min_nlqf_level, v.max_nlqf_level, v.min_ects, v.max_ects, a.id, a.title, a.status, a.valid_until, a.terminated_on, e.part, e.item"
            + " FROM agreement a JOIN agreement_version v ON v.agreement_id = a.id AND v.number = a.active_version"
            + " JOIN (SELECT version_id, 'P' AS part, institution_code AS item FROM agreement_party"
            + " UNION ALL SELECT version_id, 'S', programme_id FROM agreement_scope_programme"
            + " UNION ALL SELECT version_id, 'I', institution_code FROM agreement_scope_issuer) e ON e.version_id = v.id"
            + " WHERE a.status IN ('ACTIVE', 'TERMINATED') AND v.id IN (SELECT x.version_id FROM agreement_party x"
            + " JOIN agreement_party y ON y.version_id = x.version_id WHERE x.institution_code = ?1 AND y.institution_code = ?2)";

    /** One agreement version of {@link #IN_FORCE_BETWEEN} with its collections. */
    private static final class InForceRow {
        final String agreementId;
        final String title;
        final AgreementStatus status;
        final LocalDate agreementValidUntil;
        final LocalDate terminatedOn;
        final int number;
        final AgreementKind kind;
        final RecognitionEffect effect;
        final String termsHash;
        final LocalDate validFrom;
        final LocalDate validUntil;
        final String minNlqfLevel;
        final String maxNlqfLevel;
        final java.math.BigDecimal minEcts;
        final java.math.BigDecimal maxEcts;
        final List<String> parties = new ArrayList<>();
        final List<String> scopeProgrammes = new ArrayList<>();
        final List<String> scopeIssuers = new ArrayList<>();

        InForceRow(Object[] row) {
            number = ((Number) row[1]).intValue();
            kind = AgreementKind.valueOf((String) row[2]);
            effect = RecognitionEffect.valueOf((String) row[3]);
            termsHash = (String) row[4];
            validFrom = date(row[5]);
            validUntil = date(row[6]);
            minNlqfLevel = (String) row[7];
            maxNlqfLevel = (String) row[8];
            minEcts = decimal(row[9]);
            maxEcts = decimal(row[10]);
            agreementId = (String) row[11];
            title = (String) row[12];
            status = AgreementStatus.valueOf((String) row[13]);
            agreementValidUntil = date(row[14]);
            terminatedOn = date(row[15]);
        }

        /** As {@link AgreementVersion#scope()} builds it. */
        AgreementScope scope() {
            return new AgreementScope(List.copyOf(scopeProgrammes), List.copyOf(scopeIssuers), minNlqfLevel, maxNlqfLevel, minEcts, maxEcts).normalised();
        }

        private static LocalDate date(Object value) {
            if (value == null) return null;
            if (value instanceof LocalDate d) return d;
            if (value instanceof java.sql.Date d) return d.toLocalDate();
            if (value instanceof java.util.Date d) return new java.sql.Date(d.getTime()).toLocalDate();
            return LocalDate.parse(value.toString());
        }

        private static java.math.BigDecimal decimal(Object value) {
            if (value == null) return null;
            if (value instanceof java.math.BigDecimal d) return d;
            return new java.math.BigDecimal(value.toString());
        }
    }

    /** How many other member institutions recognise this programme under an agreement in force (for its verification). */
    @Override
    public int recognisingInstitutions(String programmeId, String issuer, java.math.BigDecimal ects, String nlqfLevel) {
        AgreementScope.Programme p = new AgreementScope.Programme(programmeId, issuer, ects, nlqfLevel);
        Set<String> recognising = new TreeSet<>();
        for (AgreementVersion v : inForce(issuer)) {
            if (v.scope().covers(p, v.getParties())) recognising.addAll(v.getParties());
        }
        recognising.remove(issuer);
        return recognising.size();
    }

    /** The agreement versions in force today that have this institution as a party. */
    private List<AgreementVersion> inForce(String party) {
        LocalDate today = today();
        return em.createNamedQuery(AgreementVersion.IN_FORCE_WITH_PARTY, AgreementVersion.class).setParameter("party", party)
                // one query per collection for all versions, not three per version (the recognition check runs on every recording)
                .setHint("eclipselink.batch.type", "IN")
                .setHint("eclipselink.batch", "v.parties")
                .setHint("eclipselink.batch", "v.scopeProgrammes")
                .setHint("eclipselink.batch", "v.scopeIssuers")
                .setHint("eclipselink.join-fetch", "v.agreement")
                .getResultStream()
                .filter(v -> inForce(v.getAgreement().getStatus(), v.getAgreement().getValidUntil(), v.getValidFrom(), v.getAgreement().getTerminatedOn(), today))
                .toList();
    }

    /**
     * Whether the active version of an ACTIVE or TERMINATED agreement is in force today: not expired, valid from today or
     * earlier, and a terminated agreement only until its termination date.
     */
    private static boolean inForce(AgreementStatus stored, LocalDate agreementValidUntil, LocalDate validFrom, LocalDate terminatedOn, LocalDate today) {
        if (AgreementLifecycle.effective(stored, agreementValidUntil, today) == AgreementStatus.EXPIRED || validFrom.isAfter(today)) return false;
        return stored != AgreementStatus.TERMINATED || (terminatedOn != null && terminatedOn.isAfter(today));
    }

    // ---- views -------------------------------------------------------------------------------

    private List<AgreementView> views(List<Agreement> agreements) {
        if (agreements.isEmpty()) return List.of();
        Map<String, Shown> shown = shownVersions(agreements);
        Map<String, Map<String, List<AgreementView.ApprovalView>>> approvals = approvalsByHash(agreements);
        Map<String, AgreementVersion> activeHashes = new HashMap<>();
        List<AgreementView> views = new ArrayList<>();
        for (Agreement a : agreements) {
            AgreementVersion v = shown.get(a.getId()).version();
            Map<String, List<AgreementView.ApprovalView>> byHash = approvals.getOrDefault(a.getId(), Map.of());
            List<AgreementView.ApprovalView> ofShown = byHash.getOrDefault(v.getTermsHash(), List.of());
            AgreementStatus status = status(a);
            boolean awaiting = status == AgreementStatus.PROPOSED || (a.isPending() && v.getNumber() == a.getCurrentVersion());
            Set<String> approvedBy = ofShown.stream().map(AgreementView.ApprovalView::institution).collect(Collectors.toSet());
            List<String> waiting = awaiting ? v.getParties().stream().filter(p -> !approvedBy.contains(p)).sorted().toList() : List.of();
            String activeHash = null;
            if (a.getActiveVersion() != null) {
                activeHash = a.getActiveVersion() == v.getNumber() ? v.getTermsHash()
                        : activeHashes.computeIfAbsent(a.getId(), k -> version(a, a.getActiveVersion())).getTermsHash();
            }
            boolean staff = shown.get(a.getId()).staff();
            List<String> actions = staff ? AgreementLifecycle.allowed(status, a.isPending(), a.isEverApproved()).stream().map(Action::apiName).toList() : List.of();
            AgreementScope scope = v.scope();
            views.add(new AgreementView(a.getId(), a.getTitle(), v.getKind(), a.isConsortiumWide(), v.getParties().stream().sorted().toList(),
                    scope, v.getEffect(), v.getTerms(), v.getValidFrom(), v.getValidUntil(), status, v.getTermsHash(), v.getCanonicalTerms(),
                    v.getNumber(), a.getActiveVersion(), activeHash, staff && a.isPending(), ofShown, waiting, a.getTerminatedOn(),
                    a.getTerminationReason(), actions, a.getCreatedByInstitution(), a.getVersion(), a.getCreatedAt(), a.getUpdatedAt()));
        }
        return views;
    }

    /** The version of an agreement a caller is shown, and whether the caller is staff of one of its parties. */
    private record Shown(AgreementVersion version, boolean staff) { }

    /** Per agreement, the version the caller is shown: the current one for parties and coordinators, else the active one. */
    private Map<String, Shown> shownVersions(List<Agreement> agreements) {
        List<String> ids = agreements.stream().map(Agreement::getId).toList();
        Map<String, Agreement> byId = agreements.stream().collect(Collectors.toMap(Agreement::getId, a -> a));
        Map<String, Map<Integer, AgreementVersion>> versions = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            em.createQuery("SELECT v FROM AgreementVersion v WHERE v.agreement.id IN :ids", AgreementVersion.class)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .getResultStream()
                    .forEach(v -> versions.computeIfAbsent(v.getAgreement().getId(), k -> new HashMap<>()).put(v.getNumber(), v));
        }
        Map<String, Shown> shown = new LinkedHashMap<>();
        for (String id : ids) {
            Agreement a = byId.get(id);
            Map<Integer, AgreementVersion> of = versions.getOrDefault(id, Map.of());
            AgreementVersion current = of.get(a.getCurrentVersion());
            AgreementVersion active = a.getActiveVersion() == null ? null : of.get(a.getActiveVersion());
            Set<String> parties = new TreeSet<>();
            if (current != null) parties.addAll(current.getParties());
            if (active != null) parties.addAll(active.getParties());
            boolean staff = current != null && isStaffOf(a, parties);
            AgreementVersion v = staff || a.getActiveVersion() == null ? current : of.get(a.getActiveVersion());
            if (v != null) shown.put(id, new Shown(v, staff));
        }
        return shown;
    }

    private Map<String, Map<String, List<AgreementView.ApprovalView>>> approvalsByHash(List<Agreement> agreements) {
        List<String> ids = agreements.stream().map(Agreement::getId).toList();
        Map<String, Map<String, List<AgreementView.ApprovalView>>> result = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Object[]> rows = em.createQuery("SELECT x.agreement.id, x FROM AgreementApproval x WHERE x.agreement.id IN :ids ORDER BY x.approvedAt",
                    Object[].class).setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 500))).getResultList();
            for (Object[] row : rows) {
                AgreementApproval x = (AgreementApproval) row[1];
                result.computeIfAbsent((String) row[0], k -> new HashMap<>()).computeIfAbsent(x.getTermsHash(), k -> new ArrayList<>())
                        .add(new AgreementView.ApprovalView(x.getInstitution(), x.getApprovedBy(), x.getApprovedAt(), x.getTermsHash(), x.getVersionNumber()));
            }
        }
        return result;
    }

    private AgreementView.VersionView versionView(Agreement a, AgreementVersion v, List<AgreementView.ApprovalView> approvals) {
        return new AgreementView.VersionView(v.getNumber(), v.getKind(), v.getParties().stream().sorted().toList(), v.scope(), v.getEffect(),
                v.getTerms(), v.getValidFrom(), v.getValidUntil(), v.getTermsHash(), v.getCanonicalTerms(),
                Objects.equals(a.getActiveVersion(), v.getNumber()), a.getCurrentVersion() == v.getNumber(), v.getActivatedAt(),
                v.getCreatedAt(), v.getCreatedBy(), approvals);
    }

    // ---- rules and access --------------------------------------------------------------------

    private AgreementTerms checked(AgreementInput input, List<String> defaultParties, String mustInclude) {
        AgreementTerms raw = input.toTerms(defaultParties);
        List<FieldError> errors = new ArrayList<>(AgreementRules.validate(input.title(), raw, lookup()));
        AgreementTerms terms = raw.normalised();
        if (mustInclude != null && !terms.parties().contains(mustInclude) && errors.stream().noneMatch(e -> e.field().equals("parties"))) {
            errors.add(new FieldError("parties", "must include your own institution '" + mustInclude + "'"));
        }
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);
        return terms;
    }

    private AgreementRules.Lookup lookup() {
        return new AgreementRules.Lookup() {
            @Override
            public Optional<Boolean> memberActive(String code) {
                return em.createNamedQuery(Institution.BY_CODE, Institution.class).setParameter("code", code).getResultStream()
                        .findFirst().map(Institution::isActive);
            }

            @Override
            public Optional<AgreementScope.Programme> programme(String id) {
                Programme p = id == null ? null : em.find(Programme.class, id);
                if (p == null || p.getStatus() == ProgrammeStatus.DRAFT) return Optional.empty();
                return Optional.of(new AgreementScope.Programme(p.getId(), p.getInstitution().getCode(), null, null));
            }
        };
    }

    /** The facts of a programme the public may see, from its latest published version. */
    private Optional<AgreementScope.Programme> programmeFacts(String id) {
        return programmeFacts(id, null);
    }

    /** The facts of a published version of a programme ({@code number} null: the latest published one). */
    private Optional<AgreementScope.Programme> programmeFacts(String id, Integer number) {
        Programme p = em.find(Programme.class, id);
        if (p == null || p.getFirstPublishedAt() == null) return Optional.empty();
        return em.createNamedQuery(ProgrammeVersion.OF_PROGRAMME, ProgrammeVersion.class).setParameter("programme", p).getResultStream()
                .filter(v -> v.getPublishedAt() != null && (number == null || v.getNumber() == number))
                .findFirst()
                .map(v -> new AgreementScope.Programme(p.getId(), p.getInstitution().getCode(), v.getEcts(), v.getNlqfLevel()));
    }

    private List<String> activeMembers() {
        return em.createQuery("SELECT i.code FROM Institution i WHERE i.active = TRUE ORDER BY i.code", String.class).getResultList();
    }

    /** The institution whose staff the caller is, if any. */
    private Optional<String> staffInstitution() {
        return caller.isInstitutionAdmin() || caller.isBoardMember() ? caller.institution() : Optional.empty();
    }

    /** Coordinators, and staff of a party of the version in force or of the version awaiting approval (or of the creator). */
    private boolean isStaffOf(Agreement a) {
        return isStaffOf(a, allParties(a));
    }

    private boolean isStaffOf(Agreement a, Set<String> parties) {
        if (caller.isCoordinator()) return true;
        Optional<String> own = staffInstitution();
        return own.isPresent() && (parties.contains(own.get()) || own.get().equals(a.getCreatedByInstitution()));
    }

    /** The parties bound by the version in force (the active one), or, before anything is in force, of the current version. */
    private Set<String> inForceParties(Agreement a) {
        return new TreeSet<>(active(a).orElseGet(() -> current(a)).getParties());
    }

    /** The parties of the version in force and of the current version: who sees, approves and is told of every change. */
    private Set<String> allParties(Agreement a) {
        Set<String> parties = new TreeSet<>(current(a).getParties());
        active(a).ifPresent(v -> parties.addAll(v.getParties()));
        return parties;
    }

    /** An agreement the caller may see: drafts and proposals only to the parties and coordinators (404 otherwise). */
    private Agreement visible(String id, boolean lock) {
        Agreement a = id == null ? null : lock ? em.find(Agreement.class, id, LockModeType.PESSIMISTIC_WRITE) : em.find(Agreement.class, id);
        if (a == null) throw RegistryException.notFound("Agreement", id);
        boolean isPublic = a.getStatus() == AgreementStatus.ACTIVE || a.getStatus() == AgreementStatus.TERMINATED;
        if (!isPublic && !isStaffOf(a)) throw RegistryException.notFound("Agreement", id);
        return a;
    }

    private Agreement locked(String id) {
        caller.requireAuthenticated();
        return visible(id, true);
    }

    private Agreement lockedForChange(String id) {
        return lockedForChange(id, false);
    }

    /**
     * An agreement the caller may change: an admin of a party; the consortium-wide one a coordinator. Terminating
     * ({@code inForceOnly}) is for the parties bound by the version in force only.
     */
    private Agreement lockedForChange(String id, boolean inForceOnly) {
        Agreement a = locked(id);
        if (a.isConsortiumWide()) {
            if (!caller.isCoordinator()) throw RegistryException.forbidden("Only a national coordinator changes the consortium-wide agreement");
            return a;
        }
        String me = caller.isInstitutionAdmin() ? caller.institution().orElseThrow() : null;
        Set<String> parties = inForceOnly ? inForceParties(a) : allParties(a);
        if (me == null || !parties.contains(me)) {
            throw RegistryException.forbidden(inForceOnly ? "Only an institution admin of a party bound by the agreement in force terminates it"
                    : "Only an institution admin of a party changes an agreement");
        }
        return a;
    }

    private AgreementStatus status(Agreement a) {
        return AgreementLifecycle.effective(a.getStatus(), a.getValidUntil(), today());
    }

    private AgreementVersion current(Agreement a) {
        return version(a, a.getCurrentVersion());
    }

    private Optional<AgreementVersion> active(Agreement a) {
        return a.getActiveVersion() == null ? Optional.empty() : Optional.of(version(a, a.getActiveVersion()));
    }

    private AgreementVersion version(Agreement a, int number) {
        return em.createNamedQuery(AgreementVersion.NUMBER, AgreementVersion.class).setParameter("agreement", a).setParameter("number", number)
                .getResultStream().findFirst().orElseThrow(() -> new IllegalStateException("Missing version " + number + " of " + a.getId()));
    }

    private List<AgreementApproval> approvals(Agreement a) {
        return em.createNamedQuery(AgreementApproval.OF_AGREEMENT, AgreementApproval.class).setParameter("agreement", a).getResultList();
    }

    private void event(Agreement a, AgreementEvent.Action action, AgreementStatus from, AgreementStatus to, AgreementVersion v, String detail) {
        em.persist(new AgreementEvent(a.getId(), now(), action, actor(), caller.institution().orElse(null), from, to,
                v == null ? null : v.getNumber(), v == null ? null : v.getTermsHash(), detail));
    }

    /** Queues a notification to every party's webhook, in this transaction: it is sent only if the change commits. */
    private void notifyParties(Agreement a, Collection<String> parties, String event) {
        if (parties.isEmpty()) return;
        List<Webhook> hooks = em.createNamedQuery(Webhook.OF_INSTITUTIONS, Webhook.class).setParameter("codes", new ArrayList<>(new LinkedHashSet<>(parties)))
                .getResultList();
        for (Webhook hook : hooks) em.persist(new WebhookDelivery(hook, a.getId(), event));
    }

    private String actor() {
        return caller.name() == null ? "unknown" : caller.name();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, Map<String, Object> params) {
        params.forEach(query::setParameter);
        return query;
    }
}
