package nl.microcredentials.registry.ooapi.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the Open Education API at {@code /ooapi/v5}, the address its consumers expect, by forwarding to the REST
 * application's {@link OoapiResource} ({@code /api/ooapi/v5}): one JAX-RS application, so one set of filters,
 * providers and OpenAPI document (whose paths {@link OoapiPathsFilter} names {@code /ooapi/v5}).
 */
public class OoapiPath extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        request.getRequestDispatcher("/api" + path).forward(request, response);
    }
}
