package nl.microcredentials.registry.exemptions.ui;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.microcredentials.registry.exemptions.boundary.ExemptionInput;
import nl.microcredentials.registry.exemptions.boundary.ExemptionView;
import nl.microcredentials.registry.exemptions.boundary.Exemptions;
import nl.microcredentials.registry.platform.rest.Page;
import nl.microcredentials.registry.platform.rest.PageRequest;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.security.Caller;
import nl.microcredentials.registry.platform.web.Messages;
import nl.microcredentials.registry.programmes.boundary.ProgrammeView;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.control.ProgrammeSearch;

/**
 * admin/exemptions/edit.xhtml: an institution admin records a learner's exemption request on the evidence of a
 * micro-credential of another member. The form instance carries one Idempotency-Key, so submitting it twice records
 * the request once.
 */
@Named
@ViewScoped
public class RecordExemptionBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Exemptions exemptions;

    @Inject
    Programmes programmes;

    @Inject
    Caller caller;

    private final String idempotencyKey = UUID.randomUUID().toString();
    private String learnerName;
    private String learnerEmail;
    private String learnerStudentNumber;
    private String programme;
    private Integer programmeVersion;
    private LocalDate awardedOn;
    private String evidenceUrl;
    private String courseCode;
    private String courseTitle;
    private BigDecimal courseEcts;
    private String targetProgramme;
    private String motivation;
    private List<Option> programmeOptions;

    public void save() throws IOException {
        var input = new ExemptionInput(new ExemptionInput.Learner(learnerName, learnerEmail, learnerStudentNumber), blank(programme), programmeVersion,
                awardedOn, evidenceUrl, new ExemptionInput.Course(courseCode, courseTitle, courseEcts), targetProgramme, motivation);
        try {
            ExemptionView saved;
            try {
                saved = exemptions.record(input, idempotencyKey);
            } catch (PersistenceException | TransactionalException duplicate) {
                // a concurrent submit of this form won the race: show its result
                Optional<ExemptionView> first = exemptions.byIdempotencyKey(idempotencyKey, input);
                if (first.isEmpty()) throw duplicate;
                saved = first.get();
            }
            var external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            Messages.info("exemption.recorded", saved.reference());
            external.redirect(external.getRequestContextPath() + "/admin/exemptions/view.xhtml?id=" + saved.id());
        } catch (RegistryException e) {
            Messages.show(e, "form");
        }
    }

    /** The published programmes of the other member institutions: "title (institution, n EC)". */
    public List<Option> getProgrammeOptions() {
        if (programmeOptions == null) {
            String language = FacesContext.getCurrentInstance().getViewRoot().getLocale().getLanguage();
            String own = caller.institution().orElse("");
            List<Option> options = new ArrayList<>();
            var filter = new ProgrammeSearch.Filter(null, null, null, null, null, null, null, null, "PUBLISHED", null);
            try {
                int number = 1;
                Page<ProgrammeView> page;
                do {
                    page = programmes.list(filter, new PageRequest(number++, PageRequest.MAX_PAGE_SIZE, "title"));
                    for (ProgrammeView p : page.items()) {
                        if (own.equals(p.institution())) continue;
                        options.add(new Option(p.id(), p.titleIn(language) + " (" + p.institutionName()
                                + (p.ects() == null ? "" : ", " + p.ects().stripTrailingZeros().toPlainString() + " EC") + ")"));
                    }
                } while (page.hasNextPage() && number <= 40);
            } catch (RegistryException e) {
                Messages.show(e, "form");
            }
            options.sort(Comparator.comparing(Option::label, String.CASE_INSENSITIVE_ORDER));
            programmeOptions = options;
        }
        return programmeOptions;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public boolean isMayRecord() { return caller.isInstitutionAdmin(); }
    public String getIdempotencyKey() { return idempotencyKey; }

    public String getLearnerName() { return learnerName; }
    public void setLearnerName(String learnerName) { this.learnerName = learnerName; }
    public String getLearnerEmail() { return learnerEmail; }
    public void setLearnerEmail(String learnerEmail) { this.learnerEmail = learnerEmail; }
    public String getLearnerStudentNumber() { return learnerStudentNumber; }
    public void setLearnerStudentNumber(String learnerStudentNumber) { this.learnerStudentNumber = learnerStudentNumber; }
    public String getProgramme() { return programme; }
    public void setProgramme(String programme) { this.programme = programme; }
    public Integer getProgrammeVersion() { return programmeVersion; }
    public void setProgrammeVersion(Integer programmeVersion) { this.programmeVersion = programmeVersion; }
    public LocalDate getAwardedOn() { return awardedOn; }
    public void setAwardedOn(LocalDate awardedOn) { this.awardedOn = awardedOn; }
    public String getEvidenceUrl() { return evidenceUrl; }
    public void setEvidenceUrl(String evidenceUrl) { this.evidenceUrl = evidenceUrl; }
    public String getCourseCode() { return courseCode; }
    public void setCourseCode(String courseCode) { this.courseCode = courseCode; }
    public String getCourseTitle() { return courseTitle; }
    public void setCourseTitle(String courseTitle) { this.courseTitle = courseTitle; }
    public BigDecimal getCourseEcts() { return courseEcts; }
    public void setCourseEcts(BigDecimal courseEcts) { this.courseEcts = courseEcts; }
    public String getTargetProgramme() { return targetProgramme; }
    public void setTargetProgramme(String targetProgramme) { this.targetProgramme = targetProgramme; }
    public String getMotivation() { return motivation; }
    public void setMotivation(String motivation) { this.motivation = motivation; }
}
