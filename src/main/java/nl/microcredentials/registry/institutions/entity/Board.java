package nl.microcredentials.registry.institutions.entity;

import nl.microcredentials.registry.platform.cache.CachedIn;
import nl.microcredentials.registry.platform.cache.Generation;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import nl.microcredentials.registry.platform.persistence.AuditedEntity;

/**
 * A Board of Examiners (examencommissie) of an institution: it decides the exemption requests for the courses whose
 * codes start with one of its {@link #getCourseCodePrefixes() prefixes}; the institution's default board takes the rest.
 * Its decision term (Awb 4:13: 8 weeks when the Teaching and Examination Regulations set none) sets request deadlines.
 */
@CachedIn(Generation.CATALOGUE)
@Entity
@Table(name = "board")
@NamedQuery(name = Board.OF_INSTITUTION,
        query = "SELECT b FROM Board b WHERE b.institution.code = :code ORDER BY b.defaultBoard DESC, b.name")
public class Board extends AuditedEntity {

    public static final String OF_INSTITUTION = "Board.ofInstitution";
    public static final int DEFAULT_DECISION_TERM_DAYS = 56;
    public static final int NAME_LENGTH = 200;
    public static final int EMAIL_LENGTH = 254;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "institution_id", nullable = false, updatable = false)
    private Institution institution;

    @Column(nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(nullable = false, length = EMAIL_LENGTH)
    private String email;

    @Column(name = "decision_term_days", nullable = false)
    private int decisionTermDays = DEFAULT_DECISION_TERM_DAYS;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "board_course_prefix", joinColumns = @JoinColumn(name = "board_id"))
    @OrderColumn(name = "position")
    @Column(name = "prefix", length = 20, nullable = false)
    private List<String> courseCodePrefixes = new ArrayList<>();

    @Column(name = "is_default", nullable = false)
    private boolean defaultBoard;

    /** The institution's id while this is its default board, else null: a unique column keeps one default per institution. */
    @Column(name = "default_for_institution", length = 36, unique = true)
    private String defaultForInstitution;

    protected Board() { }

    public Board(Institution institution) {
        this.institution = institution;
    }

    public void update(String name, String email, int decisionTermDays, List<String> courseCodePrefixes) {
        this.name = name;
        this.email = email;
        this.decisionTermDays = decisionTermDays;
        this.courseCodePrefixes.clear();
        this.courseCodePrefixes.addAll(courseCodePrefixes);
    }

    public void setDefault(boolean isDefault) {
        this.defaultBoard = isDefault;
        this.defaultForInstitution = isDefault ? institution.getId() : null;
    }

    public Institution getInstitution() { return institution; }
    public String getName() { return name; }
    public String getEmail() { return email; }
    public int getDecisionTermDays() { return decisionTermDays; }
    public List<String> getCourseCodePrefixes() { return List.copyOf(courseCodePrefixes); }
    public boolean isDefault() { return defaultBoard; }
}
