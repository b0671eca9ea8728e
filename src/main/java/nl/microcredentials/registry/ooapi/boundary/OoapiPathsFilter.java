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
}
