package nl.microcredentials.registry.institutions.ui;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import nl.microcredentials.registry.institutions.boundary.BoardInput;
import nl.microcredentials.registry.institutions.boundary.BoardView;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.web.Messages;

/** admin/boards/edit.xhtml?id=... or ?institution=...: an institution admin adds or edits a Board of Examiners. */
@Named
@ViewScoped
public class EditBoardBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Institutions institutions;

    private String id;
    private String institution;
    private int version;
    private String name;
    private String email;
    private Integer decisionTermDays = 56;
    private List<String> courseCodePrefixes = new ArrayList<>();
    private boolean isDefault;

    public void load() {
        if (FacesContext.getCurrentInstance().isPostback() || id == null || id.isBlank()) return;
        try {
            BoardView b = institutions.board(id);
            institution = b.institution();
            version = b.version() == null ? 0 : b.version();
            name = b.name();
            email = b.email();
            decisionTermDays = b.decisionTermDays();
            courseCodePrefixes = b.courseCodePrefixes() == null ? new ArrayList<>() : new ArrayList<>(b.courseCodePrefixes());
            isDefault = Boolean.TRUE.equals(b.isDefault());
        } catch (RegistryException e) {
            Messages.show(e, "form");
        }
    }

    public void save() throws IOException {
        var input = new BoardInput(name, email, decisionTermDays, courseCodePrefixes == null ? List.of() : courseCodePrefixes, isDefault);
        try {
            BoardView saved = isExisting()
                    ? institutions.updateBoard(id, input, OptionalInt.of(version))
                    : institutions.addBoard(institution, input);
            var external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            Messages.info("board.saved", saved.name());
            external.redirect(external.getRequestContextPath() + "/admin/institutions/view.xhtml?code=" + saved.institution());
        } catch (RegistryException e) {
            Messages.show(e, "form");
        }
    }

    public boolean isExisting() { return id != null && !id.isBlank(); }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getInstitution() { return institution; }
    public void setInstitution(String institution) { this.institution = institution; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public Integer getDecisionTermDays() { return decisionTermDays; }
    public void setDecisionTermDays(Integer decisionTermDays) { this.decisionTermDays = decisionTermDays; }
    public List<String> getCourseCodePrefixes() { return courseCodePrefixes; }
    public void setCourseCodePrefixes(List<String> courseCodePrefixes) { this.courseCodePrefixes = courseCodePrefixes; }
    public boolean isIsDefault() { return isDefault; }
    public void setIsDefault(boolean isDefault) { this.isDefault = isDefault; }
}
