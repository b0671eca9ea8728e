package nl.microcredentials.registry.platform.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import nl.microcredentials.registry.platform.persistence.SqlStatementCounter;

/**
 * {@code X-Registry-SQL-Statements}: how many SQL statements the request executed, its authentication and the commit of
 * its transaction included (a facade commits before this filter runs). Only while statements are counted
 * ({@code registry.sql.count=true}, the integration tests); else no header.
 */
@Provider
public class SqlStatementsHeader implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (SqlStatementCounter.active()) response.getHeaders().putSingle(SqlStatementCounter.HEADER, Long.toString(SqlStatementCounter.count()));
    }
}
