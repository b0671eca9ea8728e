package nl.microcredentials.registry.exemptions.boundary;

import nl.microcredentials.registry.notifications.boundary.Outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import nl.microcredentials.registry.agreements.boundary.Agreements;
import nl.microcredentials.registry.agreements.boundary.Recognition;
import nl.microcredentials.registry.agreements.control.AgreementScope;
import nl.microcredentials.registry.exemptions.control.Deadlines;
import nl.microcredentials.registry.exemptions.control.ElmoReader;
import nl.microcredentials.registry.exemptions.control.ElmoWriter;
import nl.microcredentials.registry.exemptions.control.ExemptionRules;
import nl.microcredentials.registry.exemptions.control.ExemptionWorkflow;
import nl.microcredentials.registry.exemptions.control.ExemptionWorkflow.Transition;
import nl.microcredentials.registry.exemptions.control.LegalRemedies;
import nl.microcredentials.registry.exemptions.entity.DecisionOutcome;
import nl.microcredentials.registry.exemptions.entity.ExemptionEvent;
import nl.microcredentials.registry.exemptions.entity.ExemptionRequest;
import nl.microcredentials.registry.exemptions.entity.ExemptionStatus;
import nl.microcredentials.registry.institutions.control.BoardRouting;
import nl.microcredentials.registry.institutions.entity.Board;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.entity.Programme;
import nl.microcredentials.registry.programmes.entity.ProgrammeStatus;
import nl.microcredentials.registry.programmes.entity.ProgrammeVersion;

/**
 * The exemptions component's facade, shared by the REST resource and the admin pages: recording and routing requests,
 * the legal deadlines, the board's transitions and decision, appeals, and who may see what. Every transition locks the
 * request's row for its transaction, so two board members deciding at once record exactly one decision.
 * Learner data never goes into an exception message or a log line.
 */
@ApplicationScoped
@Transactional
public class Exemptions {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /**
     * The decision due date as it reads today ({@link Deadlines#decisionDueToday}), in the query itself: while information
     * is requested the clock stands still, so the stored date moves on by the days since the request
     * ({@code due + (today - informationRequestedOn)}; PostgreSQL and H2 both add a date difference to a date).
     * Takes the parameters {@code :today} and {@code :waiting} (the name of INFORMATION_REQUESTED), see {@link #dueTodayParameters}.
     */
    static final String DUE_TODAY = "SQL('CASE WHEN ? = ? AND ? IS NOT NULL AND ? <= CAST(? AS DATE)"
            + " THEN ? + (CAST(? AS DATE) - ?) ELSE ? END', r.status, :waiting, r.informationRequestedOn, r.informationRequestedOn, :today,"
            + " r.decisionDue, :today, r.informationRequestedOn, r.decisionDue)";

    static final Map<String, String> SORTABLE = Map.of("decisionDue", DUE_TODAY, "receivedOn", "r.receivedOn",
            "updatedAt", "r.updatedAt", "reference", "r.reference", "status", "r.status");

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Agreements agreements;

    @Inject
    NewTransaction transactions;

    @Inject
    ReferenceNumbers referenceNumbers;

    @Inject
    Outbox outbox;

    Clock clock = Clock.system(ZONE);

    /** Filters of the list; all optional. */
    public record Filter(ExemptionStatus status, String board, Boolean overdue, LocalDate dueBefore, Boolean open, String institution) { }

    // ---- recording ---------------------------------------------------------------------------

    /**
     * Records a request in three steps, so that the requests of one institution are not serialised on its reference
     * counter for longer than one statement: a read-only transaction reads and checks everything (the caller's
     * institution with its boards, an earlier request under the Idempotency-Key, the programme's published versions,
     * the agreements in force); then the reference number is taken in a statement that commits by itself
     * ({@link ReferenceNumbers}); then a transaction inserts the request and its history event and commits durably. A
     * number whose request fails to insert (a concurrent duplicate of the Idempotency-Key) is never used again:
     * references never repeat, and may have a gap. Seven statements for a new request with a key, four for a retry.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ExemptionView record(ExemptionInput input, String idempotencyKey) {
        return record(input, idempotencyKey, null);
    }

    /** {@code elmo}: the ELMO document the request is recorded from, kept as its evidence (null from JSON). */
    private ExemptionView record(ExemptionInput input, String idempotencyKey, String elmo) {
        caller.requireAuthenticated();
        if (!caller.isInstitutionAdmin()) {
            throw RegistryException.forbidden("Only an institution admin of the receiving institution records exemption requests");
        }
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
        if (key != null && key.length() > 200) throw RegistryException.invalid("Idempotency-Key", "must be at most 200 characters");
        Recording recording = transactions.inNew(() -> prepare(input, key));
        if (recording.replay() != null) return recording.replay();
        // after every rule, so that a refused request takes no number
        String reference = ExemptionRules.reference(ExemptionRules.prefix(recording.context().institution()), recording.today().getYear(),
                referenceNumbers.next(recording.institutionId(), recording.today().getYear()));
        ExemptionRequest r = transactions.inNew(() -> store(recording, reference, elmo));
        return view(r, recording.context(), recording.applicable());
    }

    /** The caller's institution and its boards, as routing needs them. */
    private record Receiver(String code, String institutionId, boolean active, List<BoardScope> boards) { }

    private record BoardScope(String id, String name, boolean isDefault, int decisionTermDays, List<String> prefixes) { }

    /** A published version of the programme as the rules of recording see it. */
    private record Published(int number, Instant publishedAt, LocalDate microcredentialSince, BigDecimal ects, String nlqfLevel, String title) { }

    /** The programme named as evidence: its lifecycle, issuer and published versions (newest first). */
    private record Evidence(String id, ProgrammeStatus status, Instant firstPublishedAt, Instant withdrawnAt, String withdrawalReason,
                            String issuer, List<Published> published) { }

    /** What the first transaction decided: the answer to a retry, or everything the second one inserts. */
    private record Recording(ExemptionView replay, ExemptionInput input, String key, String institutionId, Context context, int termDays,
                             LocalDate today, String warnings, List<Recognition.Applicable> applicable) {
        static Recording replay(ExemptionView view) {
            return new Recording(view, null, null, null, null, 0, null, null, null);
        }
    }

    /** The first transaction: every read and rule. */
    private Recording prepare(ExemptionInput input, String key) {
        Receiver receiver = receiver(caller.institution().orElseThrow());
        if (key != null) {
            Optional<ExemptionRequest> first = byKey(receiver.code(), key);
            if (first.isPresent()) return Recording.replay(sameRequest(first.get(), input));
        }
        if (input == null) throw RegistryException.invalid("body", "is required");
        if (!receiver.active()) {
            throw RegistryException.forbidden("Institution '" + receiver.code() + "' is not an active member of the pilot: it records no new requests");
        }
        LocalDate today = today();
        ExemptionInput.Learner l = input.learner() == null ? new ExemptionInput.Learner(null, null, null) : input.learner();
        ExemptionInput.Course c = input.targetCourse() == null ? new ExemptionInput.Course(null, null, null) : input.targetCourse();
        List<FieldError> errors = new ArrayList<>(ExemptionRules.validate(new ExemptionRules.Recorded(l.name(), l.email(), l.studentNumber(),
                input.programme(), input.awardedOn(), input.evidenceUrl(), c.code(), c.title(), c.ects(), input.targetProgramme(),
                input.motivation()), today));
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);

        Evidence programme = evidence(input.programme().trim());
        if (programme == null || programme.firstPublishedAt() == null) {
            throw RegistryException.invalid("programme", "is not a registered micro-credential programme");
        }
        List<String> warnings = new ArrayList<>();
        if (programme.status() == ProgrammeStatus.WITHDRAWN) {
            boolean registeredAtAward = !programme.firstPublishedAt().isAfter(endOf(input.awardedOn()))
                    && (programme.withdrawnAt() == null || programme.withdrawnAt().isAfter(input.awardedOn().atStartOfDay(ZONE).toInstant()));
            if (!registeredAtAward) {
                throw RegistryException.invalid("programme", "was not a registered micro-credential at the award date");
            }
            warnings.add("The programme has been withdrawn since the award date: " + programme.withdrawalReason());
        }
        Published version = pinnedVersion(programme, input.programmeVersion(), input.awardedOn());
        if (input.programmeVersion() != null) requireEarnedVersion(programme, version, input.awardedOn());
        if (version.publishedAt().isAfter(endOf(input.awardedOn()))) {
            warnings.add("Version " + version.number() + " of the programme was published on "
                    + version.publishedAt().atZone(ZONE).toLocalDate() + ", after the award date " + input.awardedOn()
                    + ": no version was published on the award date");
        }
        if (version.microcredentialSince() != null && input.awardedOn().isBefore(version.microcredentialSince())) {
            warnings.add("The award date " + input.awardedOn() + " predates the programme's micro-credential status (since "
                    + version.microcredentialSince() + "): the evidence may not be a pilot micro-credential");
        }
        if (programme.issuer().equals(receiver.code())) {
            warnings.add("The programme is one of this institution's own");
        }
        // the advice follows the version the learner earned, not the programme's newest one
        ExemptionView.ProgrammeRef earned = new ExemptionView.ProgrammeRef(programme.id(), version.number(), version.title(), programme.issuer(),
                version.ects(), version.nlqfLevel());
        List<Recognition.Applicable> applicable = agreements.applicable(scopeOf(earned), receiver.code());
        if (applicable.isEmpty()) {
            warnings.add("No recognition agreement in force covers this programme at this institution");
        }

        String boardId = BoardRouting.route(receiver.boards().stream().map(b -> new BoardRouting.Scope(b.id(), b.prefixes(), b.isDefault())).toList(),
                c.code()).orElseThrow(() -> RegistryException.conflict("The institution has no Board of Examiners", null));
        BoardScope board = receiver.boards().stream().filter(b -> b.id().equals(boardId)).findFirst().orElseThrow();
        return new Recording(null, input, key, receiver.institutionId(), new Context(receiver.code(), new ExemptionView.BoardRef(board.id(), board.name()), earned),
                board.decisionTermDays(), today, warnings.isEmpty() ? null : String.join("\n", warnings), applicable);
    }

    /** The second transaction: the request and its history event, referring to the rows read in the first by their ids. */
    private ExemptionRequest store(Recording recording, String reference, String elmo) {
        ExemptionInput input = recording.input();
        ExemptionInput.Learner l = input.learner();
        ExemptionInput.Course c = input.targetCourse();
        Context context = recording.context();
        ExemptionRequest r = new ExemptionRequest(em.getReference(Institution.class, recording.institutionId()),
                em.getReference(Board.class, context.board().id()), reference, recording.key(),
                em.getReference(Programme.class, context.programme().id()), context.programme().issuer(), context.programme().versionNumber(),
                recording.today(), recording.termDays());
        r.learner(l.name().strip(), blank(l.email()), blank(l.studentNumber()));
        r.evidence(input.awardedOn(), blank(input.evidenceUrl()), c.code().strip(), c.title().strip(), c.ects(), blank(input.targetProgramme()),
                blank(input.motivation()), recording.warnings());
        r.due(Deadlines.decisionDue(recording.today(), recording.termDays(), 0, 0));
        if (recording.key() != null) r.fingerprint(input.fingerprint());
        if (elmo != null) r.elmoEvidence(elmo);
        em.persist(r);
        outbox.requestReceived(r.getId(), context.board().id());
        em.flush(); // a concurrent duplicate of the Idempotency-Key fails here, as a PersistenceException the callers answer
        event(r, "RECORDED", null, ExemptionStatus.SUBMITTED, "routed to " + context.board().name());
        return r;
    }

    /** The institution's id and membership and its boards with their course-code prefixes, in one statement. */
    private Receiver receiver(String code) {
        List<Object[]> rows = em.createQuery("SELECT i.id, i.active, b.id, b.name, b.defaultBoard, b.decisionTermDays, prefix"
                        + " FROM Institution i LEFT JOIN Board b ON b.institution = i LEFT JOIN b.courseCodePrefixes prefix"
                        + " WHERE i.code = :code", Object[].class)
                .setParameter("code", code).getResultList();
        if (rows.isEmpty()) throw RegistryException.notFound("Institution", code);
        Map<String, BoardScope> boards = new java.util.LinkedHashMap<>();
        for (Object[] row : rows) {
            if (row[2] == null) continue;
            BoardScope b = boards.computeIfAbsent((String) row[2], id -> new BoardScope(id, (String) row[3], (Boolean) row[4],
                    ((Number) row[5]).intValue(), new ArrayList<>()));
            if (row[6] != null) b.prefixes().add((String) row[6]);
        }
        return new Receiver(code, (String) rows.get(0)[0], (Boolean) rows.get(0)[1], List.copyOf(boards.values()));
    }

    /** The programme with its issuer and published versions, newest first, in one statement; null when it has none. */
    private Evidence evidence(String id) {
        List<Object[]> rows = em.createQuery("SELECT p.status, p.firstPublishedAt, p.withdrawnAt, p.withdrawalReason, i.code,"
                        + " v.number, v.publishedAt, v.microcredentialSince, v.ects, v.nlqfLevel, v.titleEn, v.titleNl"
                        + " FROM ProgrammeVersion v JOIN v.programme p JOIN p.institution i"
                        + " WHERE p.id = :id AND v.publishedAt IS NOT NULL ORDER BY v.number DESC", Object[].class)
                .setParameter("id", id).getResultList();
        if (rows.isEmpty()) return null;
        Object[] first = rows.get(0);
        List<Published> published = rows.stream().map(row -> new Published(((Number) row[5]).intValue(), (Instant) row[6], (LocalDate) row[7],
                (BigDecimal) row[8], (String) row[9], row[10] != null ? (String) row[10] : (String) row[11])).toList();
        return new Evidence(id, (ProgrammeStatus) first[0], (Instant) first[1], (Instant) first[2], (String) first[3], (String) first[4], published);
    }

    /**
     * The request recorded first under this Idempotency-Key (after a concurrent duplicate lost the race); 422 when
     * the key was used for another body.
     */
    public Optional<ExemptionView> byIdempotencyKey(String key, ExemptionInput input) {
        if (key == null || key.isBlank() || !caller.isInstitutionAdmin()) return Optional.empty();
        return byKey(caller.institution().orElseThrow(), key.trim()).map(first -> sameRequest(first, input));
    }

    /** A retry answers with the first request; a key reused with another body is a 422 (IETF Idempotency-Key draft). */
    private ExemptionView sameRequest(ExemptionRequest first, ExemptionInput input) {
        String recorded = first.getIdempotencyFingerprint();
        if (recorded != null && (input == null || !recorded.equals(input.fingerprint()))) {
            throw new RegistryException(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was used for request " + first.getReference() + " with another body; nothing was recorded."
                            + " Use a new key for a new request.",
                    List.of(new FieldError("Idempotency-Key", "was used before with another body")), null);
        }
        return view(first);
    }

    private Optional<ExemptionRequest> byKey(String institutionCode, String key) {
        return em.createNamedQuery(ExemptionRequest.BY_IDEMPOTENCY_KEY, ExemptionRequest.class).setParameter("institution", institutionCode)
                .setParameter("key", key).getResultStream().findFirst();
    }

    private Published pinnedVersion(Evidence programme, Integer number, LocalDate awardedOn) {
        List<Published> published = programme.published(); // newest first
        if (number != null) {
            return published.stream().filter(v -> v.number() == number).findFirst()
                    .orElseThrow(() -> RegistryException.invalid("programmeVersion", "is not a published version of the programme"));
        }
        Instant end = endOf(awardedOn);
        return published.stream().filter(v -> !v.publishedAt().isAfter(end)).findFirst().orElse(published.get(published.size() - 1));
    }

    /**
     * An explicitly chosen version must have been published on or before the award date (a learner may have earned an
     * earlier version than the one in force then, never a later one): else 400, naming the latest possible one. When no
     * version was published by the award date at all, the request is recorded with a warning instead.
     */
    private void requireEarnedVersion(Evidence programme, Published chosen, LocalDate awardedOn) {
        if (!chosen.publishedAt().isAfter(endOf(awardedOn))) return;
        Published latestPossible = pinnedVersion(programme, null, awardedOn);
        if (!latestPossible.publishedAt().isAfter(endOf(awardedOn))) {
            throw RegistryException.invalid("programmeVersion", "was published on " + chosen.publishedAt().atZone(ZONE).toLocalDate()
                    + ", after the award date " + awardedOn + ": the learner earned version " + latestPossible.number() + " or an earlier one");
        }
    }

    // ---- reading -----------------------------------------------------------------------------

    public Page<ExemptionView> list(Filter filter, PageRequest pageRequest) {
        caller.requireAuthenticated();
        var page = pageRequest.validated(SORTABLE, "decisionDue");
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (caller.isCoordinator()) {
            if (filter.institution() != null) {
                where.append(" AND r.institution.code = :institution");
                params.put("institution", filter.institution());
            }
        } else if (caller.isInstitutionAdmin()) {
            where.append(" AND r.institution.code = :own");
            params.put("own", caller.institution().orElseThrow());
        } else if (caller.isBoardMember()) {
            where.append(" AND r.board.id = :ownBoard AND r.institution.code = :own");
            params.put("ownBoard", caller.board().orElseThrow());
            params.put("own", caller.institution().orElseThrow());
        } else {
            throw RegistryException.forbidden("Exemption requests are for the receiving institution, its boards and coordinators");
        }
        if (filter.status() != null) {
            where.append(" AND r.status = :status");
            params.put("status", filter.status());
        }
        if (filter.board() != null) {
            where.append(" AND r.board.id = :board");
            params.put("board", filter.board());
        }
        if (Boolean.TRUE.equals(filter.overdue())) {
            where.append(" AND r.status IN :running AND r.decisionDue < :today");
            params.put("running", List.of(ExemptionStatus.SUBMITTED, ExemptionStatus.IN_REVIEW));
            params.put("today", today());
        }
        if (Boolean.TRUE.equals(filter.open())) {
            where.append(" AND r.status IN :open");
            params.put("open", List.of(ExemptionStatus.SUBMITTED, ExemptionStatus.IN_REVIEW, ExemptionStatus.INFORMATION_REQUESTED));
        }
        if (filter.dueBefore() != null) {
            // the due date as the requests read today: one waiting for information is due later every day
            where.append(" AND ").append(DUE_TODAY).append(" < :dueBefore");
            params.put("dueBefore", filter.dueBefore());
        }
        dueTodayParameters(params);
        String count = "SELECT COUNT(r) FROM ExemptionRequest r" + where;
        long total = bind(em.createQuery(count, Long.class), count, params).getSingleResult();
        if (total == 0) return Page.of(List.of(), page, 0);
        String select = "SELECT r FROM ExemptionRequest r" + where + " ORDER BY " + page.orderBy() + ", r.id";
        List<ExemptionRequest> rows = bind(em.createQuery(select, ExemptionRequest.class), select, params)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Map<String, Context> contexts = contexts(rows);
        // lists leave the applicable agreements out: read the request for its advice
        return Page.of(rows.stream().map(r -> view(r, contexts.get(r.getId()), null)).toList(), page, total);
    }

    public ExemptionView get(String id) {
        return view(visible(id, false));
    }

    public List<ExemptionView.HistoryEntry> history(String id) {
        Seen seen = visible(id, false);
        ExemptionRequest r = seen.r();
        boolean pseudonymous = pseudonymous(seen.c());
        return em.createNamedQuery(ExemptionEvent.OF_REQUEST, ExemptionEvent.class).setParameter("request", r.getId()).getResultStream()
                .map(e -> new ExemptionView.HistoryEntry(e.getAt(), e.getAction(), e.getActor(), e.getActorRole(), e.getFrom(), e.getTo(),
                        pseudonymous ? null : e.getReason()))
                .toList();
    }

    // ---- transitions -------------------------------------------------------------------------

    public ExemptionView review(String id, OptionalInt ifMatch) {
        Seen seen = forBoard(id, ifMatch, Transition.REVIEW);
        return move(seen, Transition.REVIEW, null);
    }

    public ExemptionView requestInformation(String id, String message, OptionalInt ifMatch) {
        Seen seen = forBoard(id, ifMatch, Transition.REQUEST_INFORMATION);
        require(ExemptionRules.reason("message", message));
        seen.r().suspend(today());
        return move(seen, Transition.REQUEST_INFORMATION, message.strip());
    }

    public ExemptionView informationReceived(String id, OptionalInt ifMatch) {
        Seen seen = locked(id, ifMatch, Transition.INFORMATION_RECEIVED);
        ExemptionRequest r = seen.r();
        requireBoardOrAdmin(seen.c());
        int days = Deadlines.suspension(r.getInformationRequestedOn(), today());
        r.resume(days);
        r.due(Deadlines.decisionDue(r.getTermStart(), r.getTermDays(), r.getExtensionDays(), r.getSuspendedDays()));
        outbox.informationReceived(r.getId());
        return move(seen, Transition.INFORMATION_RECEIVED, "the clock was stopped for " + days + " day(s)");
    }

    public ExemptionView extend(String id, String reason, Integer days, OptionalInt ifMatch) {
        Seen seen = forBoard(id, ifMatch, Transition.EXTEND);
        ExemptionRequest r = seen.r();
        List<FieldError> errors = new ArrayList<>(ExemptionRules.reason("reason", reason));
        if (days == null) errors.add(new FieldError("days", "is required"));
        else if (days < 1 || days > Deadlines.MAX_EXTENSION_DAYS) errors.add(new FieldError("days", "must be between 1 and " + Deadlines.MAX_EXTENSION_DAYS));
        require(errors);
        if (r.getExtensionDays() > 0) {
            throw new RegistryException(409, "illegal-transition", "Conflict", "The decision term was extended once already (Awb 4:14 allows one notice of delay)",
                    null, ExemptionWorkflow.allowed(r.getStatus()).stream().filter(t -> t != Transition.EXTEND).map(Transition::apiName).toList());
        }
        r.extend(days, reason.strip());
        r.due(Deadlines.decisionDue(r.getTermStart(), r.getTermDays(), r.getExtensionDays(), r.getSuspendedDays()));
        return move(seen, Transition.EXTEND, days + " day(s): " + reason.strip());
    }

    public ExemptionView decide(String id, DecisionOutcome outcome, BigDecimal ectsGranted, String motivation, OptionalInt ifMatch) {
        Seen seen = forBoard(id, ifMatch, Transition.DECISION);
        ExemptionRequest r = seen.r();
        require(ExemptionRules.validateDecision(outcome, ectsGranted, motivation, r.getCourseEcts()));
        r.decide(outcome, ExemptionRules.granted(outcome, ectsGranted, r.getCourseEcts()), motivation.strip(), today(), actor());
        outbox.requestDecided(r.getId());
        return move(seen, Transition.DECISION, outcome.name());
    }

    public ExemptionView withdraw(String id, String reason, OptionalInt ifMatch) {
        Seen seen = locked(id, ifMatch, Transition.WITHDRAW);
        requireBoardOrAdmin(seen.c());
        return move(seen, Transition.WITHDRAW, reason == null || reason.isBlank() ? "withdrawn by the learner" : reason.strip());
    }

    /**
     * Records an appeal. One filed after the deadline (decision + 6 weeks) is refused unless a reason to accept it is
     * recorded with it (Awb 6:11: the delay is excusable); the reason goes into the history.
     */
    public ExemptionView appeal(String id, LocalDate filedOn, String lateAcceptanceReason, OptionalInt ifMatch) {
        Seen seen = locked(id, ifMatch, Transition.APPEAL);
        ExemptionRequest r = seen.r();
        requireAdmin(seen.c());
        if (filedOn == null) throw RegistryException.invalid("filedOn", "is required");
        if (filedOn.isBefore(r.getDecidedOn()) || filedOn.isAfter(today())) {
            throw RegistryException.invalid("filedOn", "must lie between the decision date " + r.getDecidedOn() + " and today");
        }
        LocalDate deadline = Deadlines.appealDeadline(r.getDecidedOn());
        boolean late = filedOn.isAfter(deadline);
        if (late) {
            if (lateAcceptanceReason == null || lateAcceptanceReason.isBlank()) {
                throw RegistryException.invalid(List.of(new FieldError("filedOn", "is after the appeal deadline " + deadline
                                + ": a late appeal is admissible only when the delay is excusable (Awb 6:11)"),
                        new FieldError("lateAcceptanceReason", "is required for an appeal filed after the deadline: why it is accepted")));
            }
            require(ExemptionRules.reason("lateAcceptanceReason", lateAcceptanceReason));
        }
        r.appeal(filedOn);
        return move(seen, Transition.APPEAL, late ? "filed on " + filedOn + ", after the appeal deadline " + deadline + "; accepted: "
                + lateAcceptanceReason.strip() : "filed on " + filedOn);
    }

    public ExemptionView appealOutcome(String id, String outcome, OptionalInt ifMatch) {
        Seen seen = locked(id, ifMatch, Transition.APPEAL_OUTCOME);
        requireAdmin(seen.c());
        if (outcome == null || !(outcome.equals("UPHELD") || outcome.equals("OVERTURNED"))) {
            throw RegistryException.invalid("outcome", "must be UPHELD (the decision stands) or OVERTURNED");
        }
        seen.r().moveTo(outcome.equals("UPHELD") ? ExemptionStatus.UPHELD : ExemptionStatus.OVERTURNED);
        return moved(seen, ExemptionStatus.APPEALED, Transition.APPEAL_OUTCOME, outcome);
    }

    public ExemptionView reroute(String id, String boardId, String reason, OptionalInt ifMatch) {
        Seen seen = locked(id, ifMatch, Transition.REROUTE);
        ExemptionRequest r = seen.r();
        Context c = seen.c();
        requireAdmin(c);
        List<FieldError> errors = new ArrayList<>(ExemptionRules.reason("reason", reason));
        Board board = boardId == null ? null : em.find(Board.class, boardId);
        if (board == null || !board.getInstitution().getCode().equals(c.institution())) {
            errors.add(new FieldError("board", "must be a Board of Examiners of " + c.institution()));
        } else if (board.getId().equals(c.board().id())) {
            errors.add(new FieldError("board", "is the board the request is routed to already"));
        }
        require(errors);
        String from = c.board().name();
        ExemptionStatus before = r.getStatus();
        LocalDate today = today();
        // Awb 2:3: forwarded to the competent board, which received it today: its own term starts now, nothing carries over
        r.reroutedTo(board, today);
        outbox.requestReceived(r.getId(), board.getId());
        r.due(Deadlines.decisionDue(r.getTermStart(), r.getTermDays(), r.getExtensionDays(), r.getSuspendedDays()));
        Seen rerouted = new Seen(r, new Context(c.institution(), new ExemptionView.BoardRef(board.getId(), board.getName()), c.programme()));
        return moved(rerouted, before, Transition.REROUTE, "from " + from + " to " + board.getName() + ": " + reason.strip()
                + " (the decision term of " + board.getDecisionTermDays() + " days starts again on " + today + "; due " + r.getDecisionDue() + ")");
    }

    private ExemptionView move(Seen seen, Transition t, String reason) {
        ExemptionStatus from = seen.r().getStatus();
        seen.r().moveTo(ExemptionWorkflow.target(from, t, false));
        return moved(seen, from, t, reason);
    }

    private ExemptionView moved(Seen seen, ExemptionStatus from, Transition t, String reason) {
        ExemptionRequest r = seen.r();
        r.changed();
        event(r, t.name(), from, r.getStatus(), reason);
        em.flush();
        return view(seen);
    }

    // ---- EMREX / ELMO v2 ------------------------------------------------------------------------

    /**
     * What a request recorded from an ELMO document takes beside the document (the query parameters of the XML POST): the
     * ELMO names the learner, the micro-credential and the award date; the receiving institution adds its target course
     * and, optionally, the learner's e-mail and student number here, the edubadge assertion URL, the learner's programme
     * and motivation. {@code programme} picks the micro-credential when the document names several, or names it when the
     * document's only learning opportunity carries no registry identifier; {@code programmeVersion} overrides the version.
     */
    public record ElmoFields(String programme, Integer programmeVersion, String email, String studentNumber, String evidenceUrl,
                             String targetCourseCode, String targetCourseTitle, BigDecimal targetCourseEcts, String targetProgramme,
                             String motivation) { }

    /** A request read from an ELMO document: the input the JSON path takes, the document, and where each input field came from. */
    public record ElmoRecording(ExemptionInput input, String document, Map<String, String> sources) { }

    private record Found(ElmoReader.Opportunity opportunity, Programme programme, Integer version) { }

    /**
     * Reads an ELMO document (hardened, see {@link ElmoReader}) and finds the micro-credential it names: by a registry URL
     * or id in an identifier or the URL of a learning opportunity (the achievement URL {@code .../api/programmes/{id}/versions/{n}/achievement}
     * also names the version), by an edubadges badge class URL, or by its issuer (SCHAC home, registry code or BRIN) and
     * the issuer's course code. 400 naming the element path when the document is refused or names no single registered one.
     */
    public ElmoRecording fromElmo(byte[] xml, ElmoFields f) {
        caller.requireAuthenticated();
        if (!caller.isInstitutionAdmin()) {
            throw RegistryException.forbidden("Only an institution admin of the receiving institution records exemption requests");
        }
        ElmoReader.Document doc = ElmoReader.read(xml);
        Found found = found(doc, f.programme());
        ElmoReader.Opportunity o = found.opportunity();
        if (o.status() != null && !o.status().equals("passed")) {
            throw RegistryException.invalid(o.statusPath(), "is '" + o.status() + "': only a passed result is evidence of a micro-credential");
        }
        if (o.date() == null) throw RegistryException.invalid(o.datePath(), "is required: the day the micro-credential was awarded");
        Map<String, String> sources = new HashMap<>();
        sources.put("learner.name", "/elmo/learner/familyName");
        sources.put("learner.email", "email");
        sources.put("learner.studentNumber", "studentNumber");
        sources.put("programme", f.programme() == null || f.programme().isBlank() ? o.path() : "programme");
        sources.put("programmeVersion", f.programmeVersion() != null || found.version() == null ? "programmeVersion" : o.path() + "/identifier");
        sources.put("awardedOn", o.datePath());
        sources.put("targetCourse.code", "targetCourseCode");
        sources.put("targetCourse.title", "targetCourseTitle");
        sources.put("targetCourse.ects", "targetCourseEcts");
        ExemptionInput input = new ExemptionInput(new ExemptionInput.Learner(doc.learnerName(), blank(f.email()), blank(f.studentNumber())),
                found.programme().getId(), f.programmeVersion() != null ? f.programmeVersion() : found.version(), o.date(), blank(f.evidenceUrl()),
                new ExemptionInput.Course(blank(f.targetCourseCode()), blank(f.targetCourseTitle()), f.targetCourseEcts()),
                blank(f.targetProgramme()), blank(f.motivation()));
        return new ElmoRecording(input, doc.text(), Map.copyOf(sources));
    }

    /** Records what {@link #fromElmo} read, with the document as evidence: the same rules and answers as JSON, errors named by their source. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ExemptionView recordElmo(ElmoRecording in, String idempotencyKey) {
        try {
            return record(in.input(), idempotencyKey, in.document());
        } catch (RegistryException e) {
            if (e.status() != 400 || e.errors().isEmpty()) throw e;
            throw RegistryException.invalid(e.errors().stream()
                    .map(error -> new FieldError(in.sources().getOrDefault(error.field(), error.field()), error.message())).toList());
        }
    }

    private Found found(ElmoReader.Document doc, String programmeId) {
        List<Found> found = new ArrayList<>();
        for (ElmoReader.Opportunity o : doc.opportunities()) resolve(o).ifPresent(found::add);
        if (programmeId != null && !programmeId.isBlank()) {
            String id = programmeId.strip();
            Optional<Found> named = found.stream().filter(x -> x.programme().getId().equals(id)).findFirst();
            if (named.isPresent()) return named.get();
            if (doc.opportunities().size() == 1 && found.isEmpty()) {
                Programme p = em.find(Programme.class, id);
                if (p == null || p.getFirstPublishedAt() == null) throw RegistryException.invalid("programme", "is not a registered micro-credential programme");
                return new Found(doc.opportunities().get(0), p, null);
            }
            throw RegistryException.invalid("programme", "is none of the micro-credentials the document names (" + found.size() + " registered of "
                    + doc.opportunities().size() + " learning opportunities)");
        }
        List<String> distinct = found.stream().map(x -> x.programme().getId()).distinct().toList();
        if (distinct.isEmpty()) {
            String path = doc.opportunities().size() == 1 ? doc.opportunities().get(0).path() : "/elmo/report[1]/learningOpportunitySpecification";
            throw RegistryException.invalid(path, "names no registered micro-credential: give its achievement URL (.../api/programmes/{id}/versions/{n}/achievement)"
                    + " or registry id as an identifier, its issuer's SCHAC identifier with its course code as a local identifier, or the query parameter programme");
        }
        if (distinct.size() > 1) {
            throw RegistryException.invalid("programme", "is required: the document names " + distinct.size() + " registered micro-credentials ("
                    + String.join(", ", distinct) + "); choose one");
        }
        return found.get(0);
    }

    private Optional<Found> resolve(ElmoReader.Opportunity o) {
        Optional<ElmoReader.ProgrammeRef> ref = ElmoReader.programmeRef(o);
        if (ref.isPresent()) {
            Programme p = em.find(Programme.class, ref.get().programmeId());
            if (p != null && p.getFirstPublishedAt() != null) return Optional.of(new Found(o, p, ref.get().version()));
        }
        for (ElmoReader.Identifier i : o.identifiers()) {
            if (!i.value().startsWith("http")) continue;
            List<ProgrammeVersion> byBadge = em.createNamedQuery(ProgrammeVersion.PUBLISHED_BY_BADGE_CLASS, ProgrammeVersion.class)
                    .setParameter("url", i.value()).getResultList();
            List<Programme> programmes = byBadge.stream().map(ProgrammeVersion::getProgramme).distinct().toList();
            if (programmes.size() == 1) return Optional.of(new Found(o, programmes.get(0), null));
        }
        List<Institution> issuers = new ArrayList<>();
        for (String schac : o.issuer().values("schac")) {
            issuers.addAll(em.createQuery("SELECT i FROM Institution i WHERE LOWER(i.schacHome) = :v", Institution.class)
                    .setParameter("v", schac.strip().toLowerCase(java.util.Locale.ROOT)).getResultList());
        }
        for (String code : o.issuer().values("registryInstitutionCode")) {
            issuers.addAll(em.createNamedQuery(Institution.BY_CODE, Institution.class).setParameter("code", code.strip()).getResultList());
        }
        for (String brin : o.issuer().values("brin")) {
            issuers.addAll(em.createQuery("SELECT i FROM Institution i WHERE i.brin = :v", Institution.class).setParameter("v", brin.strip()).getResultList());
        }
        List<String> codes = new ArrayList<>(o.values("local"));
        o.identifiers().stream().map(ElmoReader.Identifier::value).filter(v -> !codes.contains(v)).forEach(codes::add);
        for (Institution issuer : issuers.stream().distinct().toList()) {
            for (String code : codes) {
                List<Programme> programmes = em.createQuery("SELECT DISTINCT v.programme FROM ProgrammeVersion v WHERE v.programme.institution = :i"
                                + " AND v.courseCode = :code AND v.publishedAt IS NOT NULL", Programme.class)
                        .setParameter("i", issuer).setParameter("code", code.strip()).getResultList();
                if (programmes.size() == 1) return Optional.of(new Found(o, programmes.get(0), null));
            }
        }
        return Optional.empty();
    }

    /**
     * The decision as an ELMO v2 document ({@link ElmoWriter}), for those who may see the request; the learner's identity,
     * the evidence URL and the motivation only for the receiving institution and its board. 409 while undecided (and once
     * the decision was overturned on appeal: it no longer stands).
     */
    public String elmo(String id, String publicUrl) {
        Seen seen = visible(id, false);
        ExemptionRequest r = seen.r();
        if (r.getOutcome() == null || r.getDecidedOn() == null) {
            throw new RegistryException(409, "not-decided", "Conflict", "Request " + r.getReference() + " is "
                    + r.getStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": it has no decision to export as ELMO yet", null, null);
        }
        if (r.getStatus() == ExemptionStatus.OVERTURNED) {
            throw new RegistryException(409, "decision-overturned", "Conflict", "The decision on request " + r.getReference()
                    + " was overturned on appeal: it no longer stands", null, null);
        }
        boolean pseudonymous = pseudonymous(seen.c());
        Programme p = r.getProgramme();
        ProgrammeVersion v = em.createNamedQuery(ProgrammeVersion.NUMBER, ProgrammeVersion.class).setParameter("programme", p)
                .setParameter("number", r.getProgrammeVersion()).getResultStream().findFirst().orElse(null);
        ProgrammeDraft d = v == null ? null : v.draft();
        ElmoWriter.MicroCredential basis = new ElmoWriter.MicroCredential(p.getId(), r.getProgrammeVersion(), d == null ? null : d.courseCode(),
                d == null || d.title() == null ? null : d.title().en(), d == null || d.title() == null ? null : d.title().nl(),
                d == null ? null : d.ects(), d == null ? null : d.eqfLevel(), d == null ? null : d.nlqfLevel(), d == null ? null : d.iscedField(),
                d == null ? null : d.edubadgeBadgeClassUrl(), r.getAwardedOn());
        ElmoWriter.Decision decision = new ElmoWriter.Decision(r.getReference(), r.getOutcome(), r.getDecidedOn(), r.getEctsGranted(),
                pseudonymous ? null : r.getDecisionMotivation(), r.getCourseCode(), r.getCourseTitle(), r.getCourseEcts());
        ElmoWriter.Learner learner = pseudonymous ? null : new ElmoWriter.Learner(r.getLearnerName(), r.getStudentNumber(), r.getEvidenceUrl());
        return ElmoWriter.write(new ElmoWriter.Recognition(publicUrl, OffsetDateTime.now(clock), learner, elmoInstitution(r.getInstitution()),
                elmoInstitution(p.getInstitution()), basis, decision));
    }

    /**
     * The ELMO document a request was recorded from, as received: learner data, so only for the receiving institution and
     * its board (403 for others who see the request); 404 when it was recorded from JSON.
     */
    public String elmoEvidence(String id) {
        Seen seen = visible(id, false);
        ExemptionRequest r = seen.r();
        if (pseudonymous(seen.c())) throw RegistryException.forbidden("The ELMO evidence holds learner data: only the receiving institution and its board read it");
        if (r.getElmoEvidence() == null) {
            throw new RegistryException(404, "not-found", "Not found", "Request " + r.getReference() + " was not recorded from an ELMO document", null, null);
        }
        return r.getElmoEvidence();
    }

    private static ElmoWriter.Institution elmoInstitution(Institution i) {
        return new ElmoWriter.Institution(i.getCode(), i.getName(), i.getWebsite(), i.getSchacHome(), i.getBrin());
    }

    // ---- access ------------------------------------------------------------------------------

    /**
     * What the access rules and a view need beside the request's own columns: its institution's code, its board and the
     * version of the programme it was recorded for, read in one statement ({@link #contexts}) instead of through the
     * request's lazy relationships (three to five statements, the board's prefixes and the version's collections included).
     */
    private record Context(String institution, ExemptionView.BoardRef board, ExemptionView.ProgrammeRef programme) { }

    /** A request the caller may see, and its context. */
    private record Seen(ExemptionRequest r, Context c) { }

    /** The contexts of these requests by id, in one statement. */
    private Map<String, Context> contexts(List<ExemptionRequest> requests) {
        if (requests.isEmpty()) return Map.of();
        Map<String, ExemptionRequest> byId = new HashMap<>();
        for (ExemptionRequest r : requests) byId.put(r.getId(), r);
        // SQL: JPQL's entity join puts the version's ON clause before the joins it refers to
        List<String> ids = List.copyOf(byId.keySet());
        StringBuilder sql = new StringBuilder("SELECT r.id, i.code, b.id, b.name, r.programme_id, v.title_en, v.title_nl, v.ects, v.nlqf_level"
                + " FROM exemption_request r JOIN institution i ON i.id = r.institution_id JOIN board b ON b.id = r.board_id"
                + " LEFT JOIN programme_version v ON v.programme_id = r.programme_id AND v.number = r.programme_version WHERE r.id IN (");
        for (int i = 1; i <= ids.size(); i++) sql.append(i == 1 ? "?" : ", ?").append(i);
        var query = em.createNativeQuery(sql.append(")").toString());
        for (int i = 1; i <= ids.size(); i++) query.setParameter(i, ids.get(i - 1));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<String, Context> contexts = new HashMap<>();
        for (Object[] row : rows) {
            ExemptionRequest r = byId.get((String) row[0]);
            contexts.put(r.getId(), new Context((String) row[1], new ExemptionView.BoardRef((String) row[2], (String) row[3]),
                    new ExemptionView.ProgrammeRef((String) row[4], r.getProgrammeVersion(), row[5] != null ? (String) row[5] : (String) row[6],
                            r.getIssuerCode(), row[7] == null ? null : new BigDecimal(row[7].toString()), (String) row[8])));
        }
        return contexts;
    }

    private Context context(ExemptionRequest r) {
        return contexts(List.of(r)).get(r.getId());
    }

    private Seen visible(String id, boolean lock) {
        caller.requireAuthenticated();
        ExemptionRequest r = id == null ? null : lock ? em.find(ExemptionRequest.class, id, LockModeType.PESSIMISTIC_WRITE) : em.find(ExemptionRequest.class, id);
        Context c = r == null ? null : context(r);
        if (c == null || !maySee(c)) throw RegistryException.notFound("Exemption request", id);
        return new Seen(r, c);
    }

    private boolean maySee(Context c) {
        if (caller.isCoordinator()) return true;
        if (caller.isInstitutionAdmin()) return caller.institution().orElse("").equals(c.institution());
        if (caller.isBoardMember()) return caller.institution().orElse("").equals(c.institution()) && caller.board().orElse("").equals(c.board().id());
        return false;
    }

    private Seen locked(String id, OptionalInt ifMatch, Transition t) {
        Seen seen = visible(id, true);
        if (caller.isCoordinator() && !caller.isInstitutionAdmin() && !caller.isBoardMember()) {
            throw RegistryException.forbidden("Coordinators read exemption requests; the receiving institution and its board act on them");
        }
        ETags.check(ifMatch, seen.r().getVersion());
        ExemptionWorkflow.require(seen.r().getStatus(), t);
        return seen;
    }

    /** Transitions only a member of the routed board makes (review, information request, extension, decision). */
    private Seen forBoard(String id, OptionalInt ifMatch, Transition t) {
        Seen seen = visible(id, true);
        if (!isMemberOfRoutedBoard(seen.c())) {
            throw RegistryException.forbidden("Only a member of the routed Board of Examiners may " + t.apiName() + " (exemption is never automatic)");
        }
        ETags.check(ifMatch, seen.r().getVersion());
        ExemptionWorkflow.require(seen.r().getStatus(), t);
        return seen;
    }

    private boolean isMemberOfRoutedBoard(Context c) {
        return caller.isBoardMember() && caller.board().orElse("").equals(c.board().id())
                && caller.institution().orElse("").equals(c.institution());
    }

    private void requireBoardOrAdmin(Context c) {
        if (!isMemberOfRoutedBoard(c) && !isAdminOf(c)) {
            throw RegistryException.forbidden("Only the routed board or an admin of the receiving institution may do this");
        }
    }

    private void requireAdmin(Context c) {
        if (!isAdminOf(c)) throw RegistryException.forbidden("Only an admin of the receiving institution may do this");
    }

    private boolean isAdminOf(Context c) {
        return caller.isInstitutionAdmin() && caller.institution().orElse("").equals(c.institution());
    }

    private boolean pseudonymous(Context c) {
        return !isAdminOf(c) && !isMemberOfRoutedBoard(c);
    }

    // ---- views -------------------------------------------------------------------------------

    /** A single request: with the agreements under which its institution recognises the programme version (advice). */
    private ExemptionView view(Seen seen) {
        return view(seen.r(), seen.c(), applicable(seen.c()));
    }

    private ExemptionView view(ExemptionRequest r) {
        Context c = context(r);
        return view(r, c, applicable(c));
    }

    private List<Recognition.Applicable> applicable(Context c) {
        return agreements.applicable(scopeOf(c.programme()), c.institution());
    }

    private static AgreementScope.Programme scopeOf(ExemptionView.ProgrammeRef p) {
        return new AgreementScope.Programme(p.id(), p.issuer(), p.ects(), p.nlqfLevel());
    }

    /**
     * The request as the caller may read it; {@code applicable} null leaves the agreements out (lists). Reads nothing:
     * what it needs beside the request's own columns is in its {@link Context}.
     */
    private ExemptionView view(ExemptionRequest r, Context c, List<Recognition.Applicable> applicable) {
        boolean pseudonymous = pseudonymous(c);
        LocalDate today = today();
        LocalDate due = r.getStatus() == ExemptionStatus.INFORMATION_REQUESTED
                ? Deadlines.decisionDueToday(r.getDecisionDue(), r.getInformationRequestedOn(), today) : r.getDecisionDue();
        boolean overdue = Deadlines.overdue(r.getStatus().isOpen(), r.getStatus() == ExemptionStatus.INFORMATION_REQUESTED, due, today);
        ExemptionView.ProgrammeRef programme = c.programme();
        ExemptionView.Decision decision = null;
        if (r.getOutcome() != null) {
            LocalDate appealDeadline = Deadlines.appealDeadline(r.getDecidedOn());
            String granted = r.getEctsGranted() == null ? "0" : r.getEctsGranted().stripTrailingZeros().toPlainString();
            decision = new ExemptionView.Decision(r.getOutcome(), r.getEctsGranted(), pseudonymous ? null : r.getDecisionMotivation(), r.getDecidedOn(),
                    r.getDecidedBy(), appealDeadline, new ExemptionView.LegalRemedies(LegalRemedies.dutch(appealDeadline), LegalRemedies.english(appealDeadline)),
                    new ExemptionView.ResultOfRecognition(r.getOutcome().elmoStatus(), r.getDecidedOn(),
                            "Micro-credential " + programme.title() + " (" + r.getIssuerCode() + ", version " + r.getProgrammeVersion() + ")",
                            granted + " EC of " + r.getCourseCode() + " " + r.getCourseTitle()));
        }
        ExemptionView.Appeal appeal = r.getAppealFiledOn() == null ? null : new ExemptionView.Appeal(r.getAppealFiledOn(),
                r.getStatus() == ExemptionStatus.UPHELD ? "UPHELD" : r.getStatus() == ExemptionStatus.OVERTURNED ? "OVERTURNED" : null);
        List<String> allowed = (caller.isCoordinator() && !caller.isInstitutionAdmin() && !caller.isBoardMember()) ? List.of()
                : ExemptionWorkflow.allowed(r.getStatus()).stream()
                        .filter(t -> t != Transition.EXTEND || r.getExtensionDays() == 0)
                        .map(Transition::apiName).toList();
        return new ExemptionView(r.getId(), r.getReference(), c.institution(), c.board(),
                pseudonymous ? null : new ExemptionInput.Learner(r.getLearnerName(), r.getLearnerEmail(), r.getStudentNumber()),
                programme, r.getAwardedOn(), pseudonymous ? null : r.getEvidenceUrl(),
                new ExemptionInput.Course(r.getCourseCode(), r.getCourseTitle(), r.getCourseEcts()), pseudonymous ? null : r.getTargetProgramme(),
                pseudonymous ? null : r.getMotivation(), r.getStatus(), r.getReceivedOn(), due, overdue, r.getInformationRequestedOn(),
                r.getSuspendedDays(), r.getExtensionDays() == 0 ? null : new ExemptionView.Extension(r.getExtensionDays(), pseudonymous ? null : r.getExtensionReason()),
                decision, appeal, applicable, r.getWarnings() == null ? List.of() : Arrays.asList(r.getWarnings().split("\n")), allowed,
                r.getVersion(), r.getCreatedAt(), r.getUpdatedAt());
    }

    private void event(ExemptionRequest r, String action, ExemptionStatus from, ExemptionStatus to, String reason) {
        String role = caller.isBoardMember() ? "board-member" : caller.isInstitutionAdmin() ? "institution-admin" : caller.isCoordinator() ? "coordinator" : null;
        em.persist(new ExemptionEvent(r.getId(), Instant.now().truncatedTo(ChronoUnit.MICROS), action, actor(), role, from, to, reason));
    }

    private static void require(List<FieldError> errors) {
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);
    }

    private String actor() {
        return caller.name() == null ? "unknown" : caller.name();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The parameters of {@link #DUE_TODAY}. */
    private void dueTodayParameters(Map<String, Object> params) {
        params.put("today", today());
        params.put("waiting", ExemptionStatus.INFORMATION_REQUESTED.name());
    }

    /** Binds the parameters the query names (the shared map also holds those of the other query). */
    private static <T> TypedQuery<T> bind(TypedQuery<T> query, String jpql, Map<String, Object> params) {
        params.forEach((name, value) -> {
            if (java.util.regex.Pattern.compile(":" + name + "\\b").matcher(jpql).find()) query.setParameter(name, value);
        });
        return query;
    }

}
