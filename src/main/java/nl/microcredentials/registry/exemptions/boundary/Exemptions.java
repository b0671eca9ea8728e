package nl.microcredentials.registry.exemptions.boundary;

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

    Clock clock = Clock.system(ZONE);

    /** Filters of the list; all optional. */
    public record Filter(ExemptionStatus status, String board, Boolean overdue, LocalDate dueBefore, Boolean open, String institution) { }

    // ---- recording ---------------------------------------------------------------------------

    public ExemptionView record(ExemptionInput input, String idempotencyKey) {
        return record(input, idempotencyKey, null);
    }

    /** {@code elmo}: the ELMO document the request is recorded from, kept as its evidence (null from JSON). */
    private ExemptionView record(ExemptionInput input, String idempotencyKey, String elmo) {
        caller.requireAuthenticated();
        if (!caller.isInstitutionAdmin()) {
            throw RegistryException.forbidden("Only an institution admin of the receiving institution records exemption requests");
        }
        Institution institution = em.createNamedQuery(Institution.BY_CODE, Institution.class).setParameter("code", caller.institution().orElseThrow())
                .getSingleResult();
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
        if (key != null && key.length() > 200) throw RegistryException.invalid("Idempotency-Key", "must be at most 200 characters");
        if (key != null) {
            Optional<ExemptionRequest> first = byKey(institution, key);
            if (first.isPresent()) return sameRequest(first.get(), input);
        }
        if (input == null) throw RegistryException.invalid("body", "is required");
        if (!institution.isActive()) {
            throw RegistryException.forbidden("Institution '" + institution.getCode() + "' is not an active member of the pilot: it records no new requests");
        }
        LocalDate today = today();
        ExemptionInput.Learner l = input.learner() == null ? new ExemptionInput.Learner(null, null, null) : input.learner();
        ExemptionInput.Course c = input.targetCourse() == null ? new ExemptionInput.Course(null, null, null) : input.targetCourse();
        List<FieldError> errors = new ArrayList<>(ExemptionRules.validate(new ExemptionRules.Recorded(l.name(), l.email(), l.studentNumber(),
                input.programme(), input.awardedOn(), input.evidenceUrl(), c.code(), c.title(), c.ects(), input.targetProgramme(),
                input.motivation()), today));
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);

        Programme programme = em.find(Programme.class, input.programme().trim());
        if (programme == null || programme.getFirstPublishedAt() == null) {
            throw RegistryException.invalid("programme", "is not a registered micro-credential programme");
        }
        List<String> warnings = new ArrayList<>();
        if (programme.getStatus() == ProgrammeStatus.WITHDRAWN) {
            boolean registeredAtAward = !programme.getFirstPublishedAt().isAfter(endOf(input.awardedOn()))
                    && (programme.getWithdrawnAt() == null || programme.getWithdrawnAt().isAfter(input.awardedOn().atStartOfDay(ZONE).toInstant()));
            if (!registeredAtAward) {
                throw RegistryException.invalid("programme", "was not a registered micro-credential at the award date");
            }
            warnings.add("The programme has been withdrawn since the award date: " + programme.getWithdrawalReason());
        }
        ProgrammeVersion version = pinnedVersion(programme, input.programmeVersion(), input.awardedOn());
        if (input.programmeVersion() != null) requireEarnedVersion(programme, version, input.awardedOn());
        if (version.getPublishedAt().isAfter(endOf(input.awardedOn()))) {
            warnings.add("Version " + version.getNumber() + " of the programme was published on "
                    + version.getPublishedAt().atZone(ZONE).toLocalDate() + ", after the award date " + input.awardedOn()
                    + ": no version was published on the award date");
        }
        if (version.getMicrocredentialSince() != null && input.awardedOn().isBefore(version.getMicrocredentialSince())) {
            warnings.add("The award date " + input.awardedOn() + " predates the programme's micro-credential status (since "
                    + version.getMicrocredentialSince() + "): the evidence may not be a pilot micro-credential");
        }
        if (programme.getInstitution().getCode().equals(institution.getCode())) {
            warnings.add("The programme is one of this institution's own");
        }
        // the advice follows the version the learner earned, not the programme's newest one
        Recognition recognition = agreements.recognition(programme.getId(), version.getNumber(), institution.getCode());
        if (recognition.agreements().isEmpty()) {
            warnings.add("No recognition agreement in force covers this programme at this institution");
        }

        List<Board> boards = em.createNamedQuery(Board.OF_INSTITUTION, Board.class).setParameter("code", institution.getCode()).getResultList();
        String boardId = BoardRouting.route(boards.stream().map(b -> new BoardRouting.Scope(b.getId(), b.getCourseCodePrefixes(), b.isDefault())).toList(),
                c.code()).orElseThrow(() -> RegistryException.conflict("The institution has no Board of Examiners", null));
        Board board = boards.stream().filter(b -> b.getId().equals(boardId)).findFirst().orElseThrow();

        ExemptionRequest r = new ExemptionRequest(institution, board, nextReference(institution, today), key, programme, version.getNumber(),
                today, board.getDecisionTermDays());
        r.learner(l.name().strip(), blank(l.email()), blank(l.studentNumber()));
        r.evidence(input.awardedOn(), blank(input.evidenceUrl()), c.code().strip(), c.title().strip(), c.ects(), blank(input.targetProgramme()),
                blank(input.motivation()), warnings.isEmpty() ? null : String.join("\n", warnings));
        r.due(Deadlines.decisionDue(today, board.getDecisionTermDays(), 0, 0));
        if (key != null) r.fingerprint(input.fingerprint());
        if (elmo != null) r.elmoEvidence(elmo);
        em.persist(r);
        em.flush();
        event(r, "RECORDED", null, ExemptionStatus.SUBMITTED, "routed to " + board.getName());
        // the reference counter's row stays locked until commit: nothing slow after this point
        return view(r, true, recognition.agreements());
    }

    /**
     * The request recorded first under this Idempotency-Key (after a concurrent duplicate lost the race); 422 when
     * the key was used for another body.
     */
    public Optional<ExemptionView> byIdempotencyKey(String key, ExemptionInput input) {
        if (key == null || key.isBlank() || !caller.isInstitutionAdmin()) return Optional.empty();
        Institution institution = em.createNamedQuery(Institution.BY_CODE, Institution.class).setParameter("code", caller.institution().orElseThrow())
                .getSingleResult();
        return byKey(institution, key.trim()).map(first -> sameRequest(first, input));
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

    private Optional<ExemptionRequest> byKey(Institution institution, String key) {
        return em.createNamedQuery(ExemptionRequest.BY_IDEMPOTENCY_KEY, ExemptionRequest.class).setParameter("institution", institution)
                .setParameter("key", key).getResultStream().findFirst();
    }

    private ProgrammeVersion pinnedVersion(Programme programme, Integer number, LocalDate awardedOn) {
        List<ProgrammeVersion> published = em.createNamedQuery(ProgrammeVersion.OF_PROGRAMME, ProgrammeVersion.class).setParameter("programme", programme)
                .getResultStream().filter(v -> v.getPublishedAt() != null).toList(); // newest first
        if (number != null) {
            return published.stream().filter(v -> v.getNumber() == number).findFirst()
                    .orElseThrow(() -> RegistryException.invalid("programmeVersion", "is not a published version of the programme"));
        }
        Instant end = endOf(awardedOn);
        return published.stream().filter(v -> !v.getPublishedAt().isAfter(end)).findFirst().orElse(published.get(published.size() - 1));
    }

    /**
     * An explicitly chosen version must have been published on or before the award date (a learner may have earned an
     * earlier version than the one in force then, never a later one): else 400, naming the latest possible one. When no
     * version was published by the award date at all, the request is recorded with a warning instead.
     */
    private void requireEarnedVersion(Programme programme, ProgrammeVersion chosen, LocalDate awardedOn) {
        if (!chosen.getPublishedAt().isAfter(endOf(awardedOn))) return;
        ProgrammeVersion latestPossible = pinnedVersion(programme, null, awardedOn);
        if (!latestPossible.getPublishedAt().isAfter(endOf(awardedOn))) {
            throw RegistryException.invalid("programmeVersion", "was published on " + chosen.getPublishedAt().atZone(ZONE).toLocalDate()
                    + ", after the award date " + awardedOn + ": the learner earned version " + latestPossible.getNumber() + " or an earlier one");
        }
    }

    /** The next reference of the institution in this year, under a row lock: never a duplicate, even at the same moment. */
    private String nextReference(Institution institution, LocalDate today) {
        int year = today.getYear();
        em.createNativeQuery("INSERT INTO exemption_reference_counter (institution_id, ref_year, last_number) VALUES (?1, ?2, 0) ON CONFLICT DO NOTHING")
                .setParameter(1, institution.getId()).setParameter(2, year).executeUpdate();
        Number last = (Number) em.createNativeQuery("SELECT last_number FROM exemption_reference_counter WHERE institution_id = ?1 AND ref_year = ?2 FOR UPDATE")
                .setParameter(1, institution.getId()).setParameter(2, year).getSingleResult();
        int next = last.intValue() + 1;
        em.createNativeQuery("UPDATE exemption_reference_counter SET last_number = ?1 WHERE institution_id = ?2 AND ref_year = ?3")
                .setParameter(1, next).setParameter(2, institution.getId()).setParameter(3, year).executeUpdate();
        return ExemptionRules.reference(ExemptionRules.prefix(institution.getCode()), year, next);
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
        String select = "SELECT r FROM ExemptionRequest r JOIN FETCH r.board JOIN FETCH r.institution" + where + " ORDER BY " + page.orderBy() + ", r.id";
        List<ExemptionRequest> rows = bind(em.createQuery(select, ExemptionRequest.class), select, params)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return Page.of(rows.stream().map(r -> view(r, false)).toList(), page, total);
    }

    public ExemptionView get(String id) {
        return view(visible(id, false));
    }

    public List<ExemptionView.HistoryEntry> history(String id) {
        ExemptionRequest r = visible(id, false);
        boolean pseudonymous = pseudonymous(r);
        return em.createNamedQuery(ExemptionEvent.OF_REQUEST, ExemptionEvent.class).setParameter("request", r.getId()).getResultStream()
                .map(e -> new ExemptionView.HistoryEntry(e.getAt(), e.getAction(), e.getActor(), e.getActorRole(), e.getFrom(), e.getTo(),
                        pseudonymous ? null : e.getReason()))
                .toList();
    }

    // ---- transitions -------------------------------------------------------------------------

    public ExemptionView review(String id, OptionalInt ifMatch) {
        ExemptionRequest r = forBoard(id, ifMatch, Transition.REVIEW);
        return move(r, Transition.REVIEW, null);
    }

    public ExemptionView requestInformation(String id, String message, OptionalInt ifMatch) {
        ExemptionRequest r = forBoard(id, ifMatch, Transition.REQUEST_INFORMATION);
        require(ExemptionRules.reason("message", message));
        r.suspend(today());
        return move(r, Transition.REQUEST_INFORMATION, message.strip());
    }

    public ExemptionView informationReceived(String id, OptionalInt ifMatch) {
        ExemptionRequest r = locked(id, ifMatch, Transition.INFORMATION_RECEIVED);
        requireBoardOrAdmin(r);
        int days = Deadlines.suspension(r.getInformationRequestedOn(), today());
        r.resume(days);
        r.due(Deadlines.decisionDue(r.getTermStart(), r.getTermDays(), r.getExtensionDays(), r.getSuspendedDays()));
        return move(r, Transition.INFORMATION_RECEIVED, "the clock was stopped for " + days + " day(s)");
    }

    public ExemptionView extend(String id, String reason, Integer days, OptionalInt ifMatch) {
        ExemptionRequest r = forBoard(id, ifMatch, Transition.EXTEND);
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
        return move(r, Transition.EXTEND, days + " day(s): " + reason.strip());
    }

    public ExemptionView decide(String id, DecisionOutcome outcome, BigDecimal ectsGranted, String motivation, OptionalInt ifMatch) {
        ExemptionRequest r = forBoard(id, ifMatch, Transition.DECISION);
        require(ExemptionRules.validateDecision(outcome, ectsGranted, motivation, r.getCourseEcts()));
        r.decide(outcome, ExemptionRules.granted(outcome, ectsGranted, r.getCourseEcts()), motivation.strip(), today(), actor());
        return move(r, Transition.DECISION, outcome.name());
    }

    public ExemptionView withdraw(String id, String reason, OptionalInt ifMatch) {
        ExemptionRequest r = locked(id, ifMatch, Transition.WITHDRAW);
        requireBoardOrAdmin(r);
        return move(r, Transition.WITHDRAW, reason == null || reason.isBlank() ? "withdrawn by the learner" : reason.strip());
    }

    /**
     * Records an appeal. One filed after the deadline (decision + 6 weeks) is refused unless a reason to accept it is
     * recorded with it (Awb 6:11: the delay is excusable); the reason goes into the history.
     */
    public ExemptionView appeal(String id, LocalDate filedOn, String lateAcceptanceReason, OptionalInt ifMatch) {
        ExemptionRequest r = locked(id, ifMatch, Transition.APPEAL);
        requireAdmin(r);
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
        return move(r, Transition.APPEAL, late ? "filed on " + filedOn + ", after the appeal deadline " + deadline + "; accepted: "
                + lateAcceptanceReason.strip() : "filed on " + filedOn);
    }

    public ExemptionView appealOutcome(String id, String outcome, OptionalInt ifMatch) {
        ExemptionRequest r = locked(id, ifMatch, Transition.APPEAL_OUTCOME);
        requireAdmin(r);
        if (outcome == null || !(outcome.equals("UPHELD") || outcome.equals("OVERTURNED"))) {
            throw RegistryException.invalid("outcome", "must be UPHELD (the decision stands) or OVERTURNED");
        }
        r.moveTo(outcome.equals("UPHELD") ? ExemptionStatus.UPHELD : ExemptionStatus.OVERTURNED);
        return moved(r, ExemptionStatus.APPEALED, Transition.APPEAL_OUTCOME, outcome);
    }

    public ExemptionView reroute(String id, String boardId, String reason, OptionalInt ifMatch) {
        ExemptionRequest r = locked(id, ifMatch, Transition.REROUTE);
        requireAdmin(r);
        List<FieldError> errors = new ArrayList<>(ExemptionRules.reason("reason", reason));
        Board board = boardId == null ? null : em.find(Board.class, boardId);
        if (board == null || !board.getInstitution().getCode().equals(r.getInstitution().getCode())) {
            errors.add(new FieldError("board", "must be a Board of Examiners of " + r.getInstitution().getCode()));
        } else if (board.getId().equals(r.getBoard().getId())) {
            errors.add(new FieldError("board", "is the board the request is routed to already"));
        }
        require(errors);
        String from = r.getBoard().getName();
        ExemptionStatus before = r.getStatus();
        LocalDate today = today();
        // Awb 2:3: forwarded to the competent board, which received it today: its own term starts now, nothing carries over
        r.reroutedTo(board, today);
        r.due(Deadlines.decisionDue(r.getTermStart(), r.getTermDays(), r.getExtensionDays(), r.getSuspendedDays()));
        return moved(r, before, Transition.REROUTE, "from " + from + " to " + board.getName() + ": " + reason.strip()
                + " (the decision term of " + board.getDecisionTermDays() + " days starts again on " + today + "; due " + r.getDecisionDue() + ")");
    }

    private ExemptionView move(ExemptionRequest r, Transition t, String reason) {
        ExemptionStatus from = r.getStatus();
        r.moveTo(ExemptionWorkflow.target(from, t, false));
        return moved(r, from, t, reason);
    }

    private ExemptionView moved(ExemptionRequest r, ExemptionStatus from, Transition t, String reason) {
        r.changed();
        event(r, t.name(), from, r.getStatus(), reason);
        em.flush();
        return view(r);
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
        ExemptionRequest r = visible(id, false);
        if (r.getOutcome() == null || r.getDecidedOn() == null) {
            throw new RegistryException(409, "not-decided", "Conflict", "Request " + r.getReference() + " is "
                    + r.getStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": it has no decision to export as ELMO yet", null, null);
        }
        if (r.getStatus() == ExemptionStatus.OVERTURNED) {
            throw new RegistryException(409, "decision-overturned", "Conflict", "The decision on request " + r.getReference()
                    + " was overturned on appeal: it no longer stands", null, null);
        }
        boolean pseudonymous = pseudonymous(r);
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
        ExemptionRequest r = visible(id, false);
        if (pseudonymous(r)) throw RegistryException.forbidden("The ELMO evidence holds learner data: only the receiving institution and its board read it");
        if (r.getElmoEvidence() == null) {
            throw new RegistryException(404, "not-found", "Not found", "Request " + r.getReference() + " was not recorded from an ELMO document", null, null);
        }
        return r.getElmoEvidence();
    }

    private static ElmoWriter.Institution elmoInstitution(Institution i) {
        return new ElmoWriter.Institution(i.getCode(), i.getName(), i.getWebsite(), i.getSchacHome(), i.getBrin());
    }

    // ---- access ------------------------------------------------------------------------------

    private ExemptionRequest visible(String id, boolean lock) {
        caller.requireAuthenticated();
        ExemptionRequest r = id == null ? null : lock ? em.find(ExemptionRequest.class, id, LockModeType.PESSIMISTIC_WRITE) : em.find(ExemptionRequest.class, id);
        if (r == null || !maySee(r)) throw RegistryException.notFound("Exemption request", id);
        return r;
    }

    private boolean maySee(ExemptionRequest r) {
        if (caller.isCoordinator()) return true;
        String institution = r.getInstitution().getCode();
        if (caller.isInstitutionAdmin()) return caller.institution().orElse("").equals(institution);
        if (caller.isBoardMember()) return caller.institution().orElse("").equals(institution) && caller.board().orElse("").equals(r.getBoard().getId());
        return false;
    }

    private ExemptionRequest locked(String id, OptionalInt ifMatch, Transition t) {
        ExemptionRequest r = visible(id, true);
        if (caller.isCoordinator() && !caller.isInstitutionAdmin() && !caller.isBoardMember()) {
            throw RegistryException.forbidden("Coordinators read exemption requests; the receiving institution and its board act on them");
        }
        ETags.check(ifMatch, r.getVersion());
        ExemptionWorkflow.require(r.getStatus(), t);
        return r;
    }

    /** Transitions only a member of the routed board makes (review, information request, extension, decision). */
    private ExemptionRequest forBoard(String id, OptionalInt ifMatch, Transition t) {
        ExemptionRequest r = visible(id, true);
        if (!isMemberOfRoutedBoard(r)) {
            throw RegistryException.forbidden("Only a member of the routed Board of Examiners may " + t.apiName() + " (exemption is never automatic)");
        }
        ETags.check(ifMatch, r.getVersion());
        ExemptionWorkflow.require(r.getStatus(), t);
        return r;
    }

    private boolean isMemberOfRoutedBoard(ExemptionRequest r) {
        return caller.isBoardMember() && caller.board().orElse("").equals(r.getBoard().getId())
                && caller.institution().orElse("").equals(r.getInstitution().getCode());
    }

    private void requireBoardOrAdmin(ExemptionRequest r) {
        if (!isMemberOfRoutedBoard(r) && !isAdminOf(r)) {
            throw RegistryException.forbidden("Only the routed board or an admin of the receiving institution may do this");
        }
    }

    private void requireAdmin(ExemptionRequest r) {
        if (!isAdminOf(r)) throw RegistryException.forbidden("Only an admin of the receiving institution may do this");
    }

    private boolean isAdminOf(ExemptionRequest r) {
        return caller.isInstitutionAdmin() && caller.institution().orElse("").equals(r.getInstitution().getCode());
    }

    private boolean pseudonymous(ExemptionRequest r) {
        return !isAdminOf(r) && !isMemberOfRoutedBoard(r);
    }

    // ---- views -------------------------------------------------------------------------------

    private ExemptionView view(ExemptionRequest r) {
        return view(r, true);
    }

    private ExemptionView view(ExemptionRequest r, boolean withAgreements) {
        return view(r, withAgreements, null);
    }

    /** {@code known}: the applicable agreements when the caller has just computed them (recording), else null. */
    private ExemptionView view(ExemptionRequest r, boolean withAgreements, List<Recognition.Applicable> known) {
        boolean pseudonymous = pseudonymous(r);
        LocalDate today = today();
        LocalDate due = r.getStatus() == ExemptionStatus.INFORMATION_REQUESTED
                ? Deadlines.decisionDueToday(r.getDecisionDue(), r.getInformationRequestedOn(), today) : r.getDecisionDue();
        boolean overdue = Deadlines.overdue(r.getStatus().isOpen(), r.getStatus() == ExemptionStatus.INFORMATION_REQUESTED, due, today);
        Programme p = r.getProgramme();
        ProgrammeVersion v = em.createNamedQuery(ProgrammeVersion.NUMBER, ProgrammeVersion.class).setParameter("programme", p)
                .setParameter("number", r.getProgrammeVersion()).getResultStream().findFirst().orElse(null);
        ExemptionView.ProgrammeRef programme = new ExemptionView.ProgrammeRef(p.getId(), r.getProgrammeVersion(),
                v == null ? null : (v.getTitleEn() != null ? v.getTitleEn() : v.getTitleNl()), r.getIssuerCode(),
                v == null ? null : v.getEcts(), v == null ? null : v.getNlqfLevel());
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
        List<Recognition.Applicable> applicable = null; // lists leave them out: read the request for its advice
        if (withAgreements && known != null) {
            applicable = known;
        } else if (withAgreements) {
            try {
                applicable = agreements.recognition(p.getId(), r.getProgrammeVersion(), r.getInstitution().getCode()).agreements();
            } catch (RegistryException e) {
                applicable = List.of();
            }
        }
        List<String> allowed = (caller.isCoordinator() && !caller.isInstitutionAdmin() && !caller.isBoardMember()) ? List.of()
                : ExemptionWorkflow.allowed(r.getStatus()).stream()
                        .filter(t -> t != Transition.EXTEND || r.getExtensionDays() == 0)
                        .map(Transition::apiName).toList();
        return new ExemptionView(r.getId(), r.getReference(), r.getInstitution().getCode(), new ExemptionView.BoardRef(r.getBoard().getId(), r.getBoard().getName()),
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
