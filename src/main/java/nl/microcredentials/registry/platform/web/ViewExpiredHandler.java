package nl.microcredentials.registry.platform.web;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Iterator;

/**
 * A form post whose view state the server does not know (the session expired, or the post was forged on another site) is
 * not an error of the server: nothing is executed, and the browser is sent back to the page with a GET (303), which shows
 * the page afresh (or the login page, when the session is gone). Without this the servlet error page would answer 500.
 */
public class ViewExpiredHandler extends ExceptionHandlerWrapper {

    public ViewExpiredHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        FacesContext faces = FacesContext.getCurrentInstance();
        for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext(); ) {
            Throwable t = events.next().getContext().getException();
            while (t != null && !(t instanceof ViewExpiredException)) t = t.getCause();
            if (t == null || faces == null || faces.getResponseComplete()) continue;
            events.remove();
            ExternalContext external = faces.getExternalContext();
            HttpServletRequest request = (HttpServletRequest) external.getRequest();
            String target = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            external.setResponseStatus(303);
            external.setResponseHeader("Location", target);
            faces.responseComplete();
        }
        getWrapped().handle();
    }

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ViewExpiredHandler(getWrapped().getExceptionHandler());
        }
    }
}
