package nl.microcredentials.registry.programmes.ui;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.web.Messages;
import nl.microcredentials.registry.programmes.boundary.ProgrammeInput;
import nl.microcredentials.registry.programmes.boundary.ProgrammeView;
import nl.microcredentials.registry.programmes.boundary.Programmes;
import nl.microcredentials.registry.programmes.control.LocalizedText;
import nl.microcredentials.registry.programmes.control.NlqfLevel;
import nl.microcredentials.registry.programmes.control.QualityAssurance;
import nl.microcredentials.registry.programmes.entity.AssessmentType;
import nl.microcredentials.registry.programmes.entity.Participation;

/**
 * admin/programmes/edit.xhtml[?id=...]: an institution admin registers or changes a programme. Errors of the pilot's
 * rules appear at their fields; the version read with the form guards against overwriting someone else's change.
 */
@Named
@ViewScoped
public class EditProgrammeBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Programmes programmes;

    private String id;
    private int version;
    private String status;
    private String courseCode;
    private String titleNl;
    private String titleEn;
    private String descriptionNl;
    private String descriptionEn;
    private String learningOutcomes;
    private BigDecimal ects;
    private Integer studyHours;
    private String nlqfLevel;
    private Integer eqfLevel;
    private boolean levelVerified;
    private List<String> participation = new ArrayList<>();
    private String assessmentType;
    private boolean assessmentSupervised;
    private boolean identityVerified;
    private String qaName = QualityAssurance.DUTCH_FRAMEWORK.name();
    private String qaUrl;
    private String qaDescription = QualityAssurance.DUTCH_FRAMEWORK.description();
    private String prerequisites;
    private boolean gradeRecorded;
    private String stackableTowards;
    private List<String> languages = new ArrayList<>();
    private String iscedField;
    private String badgeClassUrl;
    private LocalDate microcredentialSince;
    private boolean experimental;

    public void load() {
        if (FacesContext.getCurrentInstance().isPostback() || id == null || id.isBlank()) return;
        try {
            ProgrammeView p = programmes.get(id);
            version = p.version();
            status = p.status().name();
            courseCode = p.courseCode();
            titleNl = p.title() == null ? null : p.title().nl();
            titleEn = p.title() == null ? null : p.title().en();
            descriptionNl = p.description() == null ? null : p.description().nl();
            descriptionEn = p.description() == null ? null : p.description().en();
            learningOutcomes = p.learningOutcomes() == null ? null : String.join("\n", p.learningOutcomes());
            ects = p.ects();
            studyHours = p.studyHours();
            nlqfLevel = p.nlqfLevel();
            eqfLevel = p.eqfLevel();
            levelVerified = p.levelVerified();
            participation = p.participation() == null ? new ArrayList<>() : new ArrayList<>(p.participation());
            assessmentType = p.assessmentType();
            assessmentSupervised = p.assessmentSupervised();
            identityVerified = p.identityVerified();
            qaName = p.qualityAssurance() == null ? null : p.qualityAssurance().name();
            qaUrl = p.qualityAssurance() == null ? null : p.qualityAssurance().url();
            qaDescription = p.qualityAssurance() == null ? null : p.qualityAssurance().description();
            prerequisites = p.prerequisites();
            gradeRecorded = p.gradeRecorded();
            stackableTowards = p.stackableTowards();
            languages = p.languages() == null ? new ArrayList<>() : new ArrayList<>(p.languages());
            iscedField = p.iscedField();
            badgeClassUrl = p.edubadgeBadgeClassUrl();
            microcredentialSince = p.microcredentialSince();
            experimental = p.experimental();
        } catch (RegistryException e) {
            Messages.show(e, "form");
        }
    }

    public void save() throws IOException {
        List<String> outcomes = learningOutcomes == null ? List.of()
                : Arrays.stream(learningOutcomes.split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        var input = new ProgrammeInput(courseCode, new LocalizedText(titleNl, titleEn), new LocalizedText(descriptionNl, descriptionEn),
                outcomes, ects, studyHours, nlqfLevel, eqfLevel, levelVerified,
                participation == null ? List.of() : participation.stream().map(Participation::valueOf).toList(), assessmentSupervised, identityVerified,
                assessmentType == null || assessmentType.isBlank() ? null : AssessmentType.valueOf(assessmentType),
                new QualityAssurance(qaName, qaUrl, qaDescription), prerequisites, gradeRecorded, stackableTowards,
                languages == null ? List.of() : languages.stream().map(String::trim).map(String::toLowerCase).toList(), iscedField, badgeClassUrl,
                microcredentialSince, experimental);
        try {
            ProgrammeView saved = isExisting() ? programmes.update(id, input, OptionalInt.of(version)) : programmes.create(input);
            var external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            Messages.info("programme.saved", saved.titleIn(FacesContext.getCurrentInstance().getViewRoot().getLocale().getLanguage()));
            external.redirect(external.getRequestContextPath() + "/admin/programmes/view.xhtml?id=" + saved.id());
        } catch (RegistryException e) {
            Messages.show(e, "form");
        }
    }

    public List<String> getNlqfLevels() { return NlqfLevel.codes(); }
    public List<Integer> getEqfLevels() { return List.of(1, 2, 3, 4, 5, 6, 7, 8); }
    public Participation[] getParticipations() { return Participation.values(); }
    public AssessmentType[] getAssessmentTypes() { return AssessmentType.values(); }
    public boolean isExisting() { return id != null && !id.isBlank(); }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getStatus() { return status; }
    public String getCourseCode() { return courseCode; }
    public void setCourseCode(String courseCode) { this.courseCode = courseCode; }
    public String getTitleNl() { return titleNl; }
    public void setTitleNl(String titleNl) { this.titleNl = titleNl; }
    public String getTitleEn() { return titleEn; }
    public void setTitleEn(String titleEn) { this.titleEn = titleEn; }
    public String getDescriptionNl() { return descriptionNl; }
    public void setDescriptionNl(String descriptionNl) { this.descriptionNl = descriptionNl; }
    public String getDescriptionEn() { return descriptionEn; }
    public void setDescriptionEn(String descriptionEn) { this.descriptionEn = descriptionEn; }
    public String getLearningOutcomes() { return learningOutcomes; }
    public void setLearningOutcomes(String learningOutcomes) { this.learningOutcomes = learningOutcomes; }
    public BigDecimal getEcts() { return ects; }
    public void setEcts(BigDecimal ects) { this.ects = ects; }
    public Integer getStudyHours() { return studyHours; }
    public void setStudyHours(Integer studyHours) { this.studyHours = studyHours; }
    public String getNlqfLevel() { return nlqfLevel; }
    public void setNlqfLevel(String nlqfLevel) { this.nlqfLevel = nlqfLevel; }
    public Integer getEqfLevel() { return eqfLevel; }
    public void setEqfLevel(Integer eqfLevel) { this.eqfLevel = eqfLevel; }
    public boolean isLevelVerified() { return levelVerified; }
    public void setLevelVerified(boolean levelVerified) { this.levelVerified = levelVerified; }
    public List<String> getParticipation() { return participation; }
    public void setParticipation(List<String> participation) { this.participation = participation; }
    public String getAssessmentType() { return assessmentType; }
    public void setAssessmentType(String assessmentType) { this.assessmentType = assessmentType; }
    public boolean isAssessmentSupervised() { return assessmentSupervised; }
    public void setAssessmentSupervised(boolean assessmentSupervised) { this.assessmentSupervised = assessmentSupervised; }
    public boolean isIdentityVerified() { return identityVerified; }
    public void setIdentityVerified(boolean identityVerified) { this.identityVerified = identityVerified; }
    public String getQaName() { return qaName; }
    public void setQaName(String qaName) { this.qaName = qaName; }
    public String getQaUrl() { return qaUrl; }
    public void setQaUrl(String qaUrl) { this.qaUrl = qaUrl; }
    public String getQaDescription() { return qaDescription; }
    public void setQaDescription(String qaDescription) { this.qaDescription = qaDescription; }
    public String getPrerequisites() { return prerequisites; }
    public void setPrerequisites(String prerequisites) { this.prerequisites = prerequisites; }
    public boolean isGradeRecorded() { return gradeRecorded; }
    public void setGradeRecorded(boolean gradeRecorded) { this.gradeRecorded = gradeRecorded; }
    public String getStackableTowards() { return stackableTowards; }
    public void setStackableTowards(String stackableTowards) { this.stackableTowards = stackableTowards; }
    public List<String> getLanguages() { return languages; }
    public void setLanguages(List<String> languages) { this.languages = languages; }
    public String getIscedField() { return iscedField; }
    public void setIscedField(String iscedField) { this.iscedField = iscedField; }
    public String getBadgeClassUrl() { return badgeClassUrl; }
    public void setBadgeClassUrl(String badgeClassUrl) { this.badgeClassUrl = badgeClassUrl; }
    public LocalDate getMicrocredentialSince() { return microcredentialSince; }
    public void setMicrocredentialSince(LocalDate microcredentialSince) { this.microcredentialSince = microcredentialSince; }
    public boolean isExperimental() { return experimental; }
    public void setExperimental(boolean experimental) { this.experimental = experimental; }
}
