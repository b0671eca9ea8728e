package nl.microcredentials.registry.institutions.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import nl.microcredentials.registry.institutions.control.BoardRouting;
import nl.microcredentials.registry.institutions.entity.Board;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.platform.rest.ETags;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.rest.Validation;
import nl.microcredentials.registry.platform.security.Caller;

/**
 * The institutions component's facade, shared by the REST resources and the admin pages: validation, authorisation
 * and the rules on boards, in one transaction per call.
 */
@ApplicationScoped
@Transactional
public class Institutions {

    @Inject
    jakarta.enterprise.event.Event<InstitutionChanged> changed;

    static final Map<String, String> SORTABLE = Map.of(
            "code", "i.code", "name", "i.name", "sector", "i.sector", "memberSince", "i.memberSince",
            "createdAt", "i.createdAt", "updatedAt", "i.updatedAt");
    static final Map<String, String> BOARDS_SORTABLE = Map.of(
            "name", "b.name", "isDefault", "b.defaultBoard", "createdAt", "b.createdAt", "updatedAt", "b.updatedAt");

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    Caller caller;

    public record Filter(Sector sector, Boolean active, String q) { }

    // ---- institutions ------------------------------------------------------------------------

    public Page<InstitutionView> list(Filter filter, PageRequest pageRequest) {
        var page = pageRequest.validated(SORTABLE, "name");
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (filter.sector() != null) where.append(" AND i.sector = :sector");
        if (filter.active() != null) where.append(" AND i.active = :active");
        boolean text = filter.q() != null && !filter.q().isBlank();
        if (text) where.append(" AND (LOWER(i.name) LIKE :q OR i.code LIKE :q)");
        var query = em.createQuery("SELECT i FROM Institution i" + where + " ORDER BY " + page.orderBy() + ", i.code", Institution.class);
        var count = em.createQuery("SELECT COUNT(i) FROM Institution i" + where, Long.class);
        for (var q : List.of(query, count)) {
            if (filter.sector() != null) q.setParameter("sector", filter.sector());
            if (filter.active() != null) q.setParameter("active", filter.active());
            if (text) q.setParameter("q", "%" + filter.q().trim().toLowerCase(Locale.ROOT).replaceAll("[%_]", "") + "%");
        }
        List<InstitutionView> items = query.setFirstResult(page.offset()).setMaxResults(page.size())
                .getResultStream().map(InstitutionView::of).toList();
        return Page.of(items, page, count.getSingleResult());
    }

    /** Code to name of every member institution, active or not (public facts): for pages that show names, not codes. */
    public Map<String, String> names() {
        Map<String, String> names = new java.util.HashMap<>();
        em.createQuery("SELECT i.code, i.name FROM Institution i", Object[].class).getResultStream()
                .forEach(row -> names.put((String) row[0], (String) row[1]));
        return names;
    }

    public InstitutionView get(String code) {
        return InstitutionView.of(institution(code));
    }

    public InstitutionView create(InstitutionInput input) {
        caller.requireCoordinator();
        Validation.check(validator, input, null);
        if (find(input.code).isPresent()) {
            throw RegistryException.conflict("Institution '" + input.code + "' already exists",
                    List.of(new FieldError("code", "is already taken")));
        }
        Institution institution = new Institution(input.code);
        apply(institution, input);
        em.persist(institution);
        em.flush();
        return InstitutionView.of(institution);
    }

    /**
     * A coordinator changes everything but the code; an institution's own admin only its identifiers for the Open
     * Education API (educationOffererCode, schacHome) and its credentials' key set (credentialKeysUrl): sending other values
     * for the rest is refused, naming them.
     */
    public InstitutionView update(String code, InstitutionInput input, OptionalInt ifMatch) {
        caller.requireAuthenticated();
        boolean ownAdmin = caller.isInstitutionAdmin() && caller.belongsTo(code);
        if (!caller.isCoordinator() && !ownAdmin) {
            throw RegistryException.forbidden("Only a coordinator, or the institution's own admin for its identifiers, changes an institution");
        }
        Institution institution = institution(code);
        List<FieldError> extra = new ArrayList<>();
        if (input != null && input.code != null && !input.code.equals(code)) {
            extra.add(new FieldError("code", "cannot be changed (it is '" + code + "')"));
        }
        // the path names the code; a body without one is fine
        InstitutionInput checked = input == null ? null : new InstitutionInput(code, input.name, input.sector, input.brin,
                input.website, input.memberSince, input.active).withIdentifiers(input.educationOffererCode, input.schacHome);
        if (checked != null) checked.credentialKeysUrl = input.credentialKeysUrl;
        Validation.check(validator, checked, extra);
        ETags.check(ifMatch, institution.getVersion());
        if (!caller.isCoordinator()) {
            List<FieldError> coordinatorsOnly = coordinatorsOnlyChanges(institution, checked);
            if (!coordinatorsOnly.isEmpty()) {
                throw RegistryException.forbidden("An institution's admin changes only educationOffererCode, schacHome and credentialKeysUrl; "
                        + "the rest is the coordinators'", coordinatorsOnly);
            }
        }
        Sector sectorBefore = institution.getSector();
        boolean activeBefore = institution.isActive();
        apply(institution, checked);
        em.flush();
        if (sectorBefore != institution.getSector() || activeBefore != institution.isActive()) {
            changed.fire(new InstitutionChanged(code, sectorBefore, institution.getSector(), activeBefore, institution.isActive()));
        }
        return InstitutionView.of(institution);
    }

    private static List<FieldError> coordinatorsOnlyChanges(Institution institution, InstitutionInput input) {
        List<FieldError> errors = new ArrayList<>();
        String changed = "only a coordinator changes it";
        if (!input.name.trim().equals(institution.getName())) errors.add(new FieldError("name", changed));
        if (input.sector != institution.getSector()) errors.add(new FieldError("sector", changed));
        if (!java.util.Objects.equals(blankToNull(input.brin), institution.getBrin())) errors.add(new FieldError("brin", changed));
        if (!java.util.Objects.equals(blankToNull(input.website), institution.getWebsite())) errors.add(new FieldError("website", changed));
        if (!java.util.Objects.equals(input.memberSince, institution.getMemberSince())) errors.add(new FieldError("memberSince", changed));
        if ((input.active == null || input.active) != institution.isActive()) errors.add(new FieldError("active", changed));
        return errors;
    }

    private static void apply(Institution institution, InstitutionInput input) {
        institution.update(input.name.trim(), input.sector, blankToNull(input.brin), blankToNull(input.website),
                input.memberSince, input.active == null || input.active);
        institution.identifiers(blankToNull(input.educationOffererCode), blankToNull(input.schacHome));
        institution.credentialKeys(blankToNull(input.credentialKeysUrl));
    }

    // ---- boards ------------------------------------------------------------------------------

    /** The boards of an institution: full for its staff and coordinators, name and contact for everyone else. */
    public List<BoardView> boards(String code) {
        institution(code);
        boolean full = caller.isCoordinator() || caller.belongsTo(code);
        return boardsOf(code).stream().map(full ? BoardView::full : BoardView::contact).toList();
    }

    /** A page of an institution's boards, the default board first by default: full or name and contact as {@link #boards(String)}. */
    public Page<BoardView> boards(String code, PageRequest pageRequest) {
        var page = pageRequest.validated(BOARDS_SORTABLE, "-isDefault,name");
        institution(code);
        boolean full = caller.isCoordinator() || caller.belongsTo(code);
        List<BoardView> items = em.createQuery("SELECT b FROM Board b WHERE b.institution.code = :code ORDER BY " + page.orderBy() + ", b.id", Board.class)
                .setParameter("code", code).setFirstResult(page.offset()).setMaxResults(page.size())
                .getResultStream().map(full ? BoardView::full : BoardView::contact).toList();
        long total = em.createQuery("SELECT COUNT(b) FROM Board b WHERE b.institution.code = :code", Long.class)
                .setParameter("code", code).getSingleResult();
        return Page.of(items, page, total);
    }

    public BoardView board(String id) {
        Board board = boardEntity(id);
        String code = board.getInstitution().getCode();
        return caller.isCoordinator() || caller.belongsTo(code) ? BoardView.full(board) : BoardView.contact(board);
    }

    public BoardView addBoard(String code, BoardInput input) {
        Institution institution = institution(code);
        caller.requireInstitutionManager(code);
        Validation.check(validator, input, null);
        // serialise board changes per institution: the default-board and prefix rules span its boards
        em.lock(institution, LockModeType.PESSIMISTIC_WRITE);
        List<Board> existing = boardsOf(code);
        List<String> prefixes = BoardRouting.normalise(input.courseCodePrefixes);
        checkPrefixes(existing, null, prefixes);
        Board board = new Board(institution);
        board.update(input.name.trim(), input.email.trim(), termOrDefault(input.decisionTermDays), prefixes);
        boolean makeDefault = existing.isEmpty() || Boolean.TRUE.equals(input.isDefault);
        if (makeDefault) clearDefault(existing);
        em.persist(board);
        board.setDefault(makeDefault);
        em.flush();
        return BoardView.full(board);
    }

    public BoardView updateBoard(String id, BoardInput input, OptionalInt ifMatch) {
        Board board = boardEntity(id);
        String code = board.getInstitution().getCode();
        caller.requireInstitutionManager(code);
        Validation.check(validator, input, null);
        ETags.check(ifMatch, board.getVersion());
        em.lock(board.getInstitution(), LockModeType.PESSIMISTIC_WRITE);
        List<Board> others = boardsOf(code).stream().filter(b -> !b.getId().equals(id)).toList();
        List<String> prefixes = BoardRouting.normalise(input.courseCodePrefixes);
        checkPrefixes(others, id, prefixes);
        if (board.isDefault() && Boolean.FALSE.equals(input.isDefault)) {
            throw RegistryException.conflict("An institution has exactly one default board: make another board the default instead",
                    List.of(new FieldError("isDefault", "cannot be unset on the default board")));
        }
        board.update(input.name.trim(), input.email.trim(), termOrDefault(input.decisionTermDays), prefixes);
        if (Boolean.TRUE.equals(input.isDefault) && !board.isDefault()) {
            clearDefault(others);
            board.setDefault(true);
        }
        em.flush();
        return BoardView.full(board);
    }

    /** The board responsible for a course of an institution (routing of exemption requests). */
    public Optional<String> route(String code, String courseCode) {
        var scopes = boardsOf(code).stream()
                .map(b -> new BoardRouting.Scope(b.getId(), b.getCourseCodePrefixes(), b.isDefault())).toList();
        return BoardRouting.route(scopes, courseCode);
    }

    private void checkPrefixes(List<Board> others, String selfId, List<String> prefixes) {
        var scopes = others.stream().map(b -> new BoardRouting.Scope(b.getId(), b.getCourseCodePrefixes(), b.isDefault())).toList();
        List<String> clashes = BoardRouting.clashes(scopes, prefixes);
        if (!clashes.isEmpty()) {
            throw RegistryException.conflict("Course-code prefixes must route to one board only",
                    List.of(new FieldError("courseCodePrefixes", "already routed to another board of this institution: " + String.join(", ", clashes))));
        }
    }

    private void clearDefault(List<Board> boards) {
        boolean changed = false;
        for (Board b : boards) {
            if (b.isDefault()) {
                b.setDefault(false);
                changed = true;
            }
        }
        if (changed) em.flush(); // before the new default takes the unique slot
    }

    private static int termOrDefault(Integer days) {
        return days == null ? Board.DEFAULT_DECISION_TERM_DAYS : days;
    }

    private List<Board> boardsOf(String code) {
        return em.createNamedQuery(Board.OF_INSTITUTION, Board.class).setParameter("code", code).getResultList();
    }

    private Board boardEntity(String id) {
        Board board = id == null ? null : em.find(Board.class, id);
        if (board == null) throw RegistryException.notFound("Board", id);
        return board;
    }

    Optional<Institution> find(String code) {
        return em.createNamedQuery(Institution.BY_CODE, Institution.class).setParameter("code", code).getResultStream().findFirst();
    }

    private Institution institution(String code) {
        return find(code).orElseThrow(() -> RegistryException.notFound("Institution", code));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
