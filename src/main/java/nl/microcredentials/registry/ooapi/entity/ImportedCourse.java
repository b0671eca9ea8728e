package nl.microcredentials.registry.ooapi.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A remote course of an institution and the programme it was imported into, with the content last imported: the next
 * sync compares the remote content with it (changed remotely?) and the programme's current content with it (edited in
 * the registry since?). Content, not timestamps.
 */
@Entity
@Table(name = "ooapi_imported_course")
@NamedQuery(name = ImportedCourse.BY_COURSE, query = "SELECT c FROM ImportedCourse c WHERE c.institutionId = :institution AND c.courseId = :courseId")
public class ImportedCourse {

    public static final String BY_COURSE = "ImportedCourse.byCourse";

    @Id
    @Column(length = 36)
    private String id = UUID.randomUUID().toString();

    @jakarta.persistence.Version
    private int version;

    @Column(name = "institution_id", nullable = false, length = 36, updatable = false)
    private String institutionId;

    @Column(name = "course_id", nullable = false, length = OoapiSyncItem.COURSE_ID_MAX, updatable = false)
    private String courseId;

    @Column(name = "programme_id", nullable = false, length = 36, updatable = false)
    private String programmeId;

    @Column(nullable = false, length = 200_000)
    private String content;

    @Column(name = "content_hash", nullable = false, length = 64)
    private String contentHash;

    @Column(name = "imported_at", nullable = false)
    private Instant importedAt;

    protected ImportedCourse() { }

    public ImportedCourse(String institutionId, String courseId, String programmeId, String content, String contentHash) {
        this.institutionId = institutionId;
        this.courseId = courseId;
        this.programmeId = programmeId;
        imported(content, contentHash);
    }

    public void imported(String content, String contentHash) {
        this.content = content;
        this.contentHash = contentHash;
        this.importedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public String getId() { return id; }
    public String getInstitutionId() { return institutionId; }
    public String getCourseId() { return courseId; }
    public String getProgrammeId() { return programmeId; }
    public String getContent() { return content; }
    public String getContentHash() { return contentHash; }
    public Instant getImportedAt() { return importedAt; }
}
