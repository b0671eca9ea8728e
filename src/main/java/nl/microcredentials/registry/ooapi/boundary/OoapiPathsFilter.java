package nl.microcredentials.registry.ooapi.boundary;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;

/** Names the Open Education API's operations in {@code /openapi} by the address its consumers use, {@code /ooapi/v5/...}. */
public class OoapiPathsFilter implements OASFilter {

    static final String INTERNAL = "/api/ooapi/v5";
    static final String PUBLIC = "/ooapi/v5";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        renameEndpoints(openAPI);
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) return;
        Map<String, PathItem> renamed = new LinkedHashMap<>();
        boolean changed = false;
        for (var entry : paths.getPathItems().entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(INTERNAL)) {
                name = PUBLIC + name.substring(INTERNAL.length());
                changed = true;
            }
            renamed.put(name, entry.getValue());
        }
        if (!changed) return;
        Paths replacement = OASFactory.createPaths();
        renamed.forEach(replacement::addPathItem);
        openAPI.setPaths(replacement);
    }

    /**
     * Payara adds a top-level {@code endpoints} (server to path list) to the document before filters run, outside the
     * MicroProfile model: renamed here too (reflectively, so that another runtime without it is left alone), else the
     * document would still list {@code /api/ooapi/v5/...}.
     */
    @SuppressWarnings("unchecked")
    private static void renameEndpoints(OpenAPI openAPI) {
        try {
            var getter = openAPI.getClass().getMethod("getEndpoints");
            var setter = openAPI.getClass().getMethod("setEndpoints", Map.class);
            Object value = getter.invoke(openAPI);
            if (!(value instanceof Map<?, ?> endpoints)) return;
            Map<String, java.util.Set<String>> renamed = new LinkedHashMap<>();
            ((Map<String, java.util.Collection<String>>) endpoints).forEach((server, list) -> {
                java.util.Set<String> names = new java.util.TreeSet<>();
                if (list != null) list.forEach(n -> names.add(n.startsWith(INTERNAL) ? PUBLIC + n.substring(INTERNAL.length()) : n));
                renamed.put(server, names);
            });
            setter.invoke(openAPI, renamed);
        } catch (ReflectiveOperationException | RuntimeException notPayaras) {
            // a runtime without Payara's endpoints list: nothing to rename
        }
    }
}
