package nl.microcredentials.registry.institutions.ui;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import nl.microcredentials.registry.institutions.boundary.BoardView;
import nl.microcredentials.registry.institutions.boundary.InstitutionView;
import nl.microcredentials.registry.institutions.boundary.Institutions;
import nl.microcredentials.registry.platform.rest.RegistryException;
import nl.microcredentials.registry.platform.web.Messages;

/** admin/institutions/view.xhtml?code=...: one institution with its Boards of Examiners. */
@Named
@ViewScoped
public class InstitutionBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Institutions institutions;

    private String code;
    private InstitutionView institution;
    private List<BoardView> boards;

    public void load() {
        if (code == null || code.isBlank()) {
            nl.microcredentials.registry.platform.web.Pages.notFound();
            return;
        }
        try {
            institution = institutions.get(code);
            boards = institutions.boards(code);
        } catch (RegistryException e) {
            institution = null;
            if (e.status() == 404 || e.status() == 400) nl.microcredentials.registry.platform.web.Pages.notFound();
            else Messages.show(e, "actions");
        }
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public InstitutionView getInstitution() { return institution; }
    public List<BoardView> getBoards() { return boards; }
}
