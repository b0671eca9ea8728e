package nl.microcredentials.registry.platform.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The paging parameters of every collection ({@code page}, {@code pageSize}, {@code sort}), 1-based as in the Open
 * Education API. Used as a {@code @BeanParam}; {@link #validated(Map)} checks them against the sortable fields of the
 * collection and answers 400 naming the parameter.
 */
public class PageRequest {

    public static final int MAX_PAGE_SIZE = 250;

    @QueryParam("page") @DefaultValue("1")
    String page;

    @QueryParam("pageSize") @DefaultValue("20")
    String pageSize;

    @QueryParam("sort")
    String sort;

    public PageRequest() { }

    public PageRequest(int page, int pageSize, String sort) {
        this.page = String.valueOf(page);
        this.pageSize = String.valueOf(pageSize);
        this.sort = sort;
    }

    /** A checked page: number, size and the JPQL ORDER BY for the sort, taken from the allowed sort fields. */
    public record Checked(int number, int size, String orderBy) {
        public int offset() { return (number - 1) * size; }
    }

    public Checked validated(Map<String, String> sortable, String defaultSort) {
        List<FieldError> errors = new ArrayList<>();
        int number = parse(page, 1, "page", 1, Integer.MAX_VALUE / MAX_PAGE_SIZE, errors);
        int size = parse(pageSize, 20, "pageSize", 1, MAX_PAGE_SIZE, errors);
        String requested = sort == null || sort.isBlank() ? defaultSort : sort.trim();
        StringBuilder orderBy = new StringBuilder();
        for (String part : requested.split(",")) {
            boolean descending = part.startsWith("-");
            String name = descending ? part.substring(1) : part;
            String column = sortable.get(name);
            if (column == null) {
                errors.add(new FieldError("sort", "cannot sort by '" + name + "'; allowed: " + String.join(", ", sortable.keySet())));
                break;
            }
            if (orderBy.length() > 0) orderBy.append(", ");
            orderBy.append(column).append(descending ? " DESC" : " ASC");
        }
        if (!errors.isEmpty()) throw RegistryException.invalid(errors);
        return new Checked(number, size, orderBy.toString());
    }

    private static int parse(String value, int fallback, String field, int min, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) return fallback;
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                errors.add(new FieldError(field, "must be between " + min + " and " + max));
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number"));
            return fallback;
        }
    }
}
