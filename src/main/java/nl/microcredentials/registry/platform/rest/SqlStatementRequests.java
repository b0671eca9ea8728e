package nl.microcredentials.registry.platform.rest;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import nl.microcredentials.registry.platform.persistence.SqlStatementCounter;

/**
 * Starts each request's statement count at zero ({@link SqlStatementCounter}) by resetting the thread's count when a
 * request ends: the next request on that thread then counts from its very beginning, its authentication included,
 * whichever runs first in the container, the authentication or the listeners. A thread's first request starts at zero.
 * Does nothing while statements are not counted.
 */
@WebListener
public class SqlStatementRequests implements ServletRequestListener {

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        if (SqlStatementCounter.active()) SqlStatementCounter.reset();
    }
}
