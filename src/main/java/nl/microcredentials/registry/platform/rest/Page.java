package nl.microcredentials.registry.platform.rest;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The collection envelope of API.md (1-based pages, as in the Open Education API). */
@Schema(name = "Page", description = "A page of a collection")
public record Page<T>(List<T> items, int pageNumber, int pageSize, long totalItems, int totalPages, boolean hasNextPage) {

    public static <T> Page<T> of(List<T> items, PageRequest.Checked request, long totalItems) {
        int totalPages = (int) ((totalItems + request.size() - 1) / request.size());
        return new Page<>(items, request.number(), request.size(), totalItems, totalPages, request.number() < totalPages);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), pageNumber, pageSize, totalItems, totalPages, hasNextPage);
    }
}
