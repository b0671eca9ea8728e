package nl.microcredentials.registry.platform.web;

import jakarta.faces.context.FacesContext;

/** What a page answers besides its content. */
public final class Pages {

    private Pages() { }

    /**
     * The page shows something that does not exist (an unknown id, or one the caller may not see): it answers HTTP 404,
     * and shows the friendly not-found text of {@code WEB-INF/includes/not-found.xhtml} in the layout.
     */
    public static void notFound() {
        FacesContext context = FacesContext.getCurrentInstance();
        if (context != null && !context.getExternalContext().isResponseCommitted()) {
            context.getExternalContext().setResponseStatus(404);
        }
    }
}
