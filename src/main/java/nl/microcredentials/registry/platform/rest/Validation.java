package nl.microcredentials.registry.platform.rest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Bean Validation to {@link FieldError}s: the one way request bodies are checked, for REST and Faces alike. */
public final class Validation {

    private Validation() { }

    /** Validates a request; throws a 400 {@link RegistryException} listing every invalid field, plus any extra ones. */
    public static <T> void check(Validator validator, T request, List<FieldError> extra) {
        if (request == null) {
            throw RegistryException.invalid("body", "is required");
        }
        List<FieldError> errors = new ArrayList<>(fieldErrors(validator.validate(request)));
        if (extra != null) errors.addAll(extra);
        if (!errors.isEmpty()) {
            throw RegistryException.invalid(errors);
        }
    }

    public static List<FieldError> fieldErrors(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new FieldError(path(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
    }

    /** {@code create.arg0.name} (method validation) and {@code name} (bean validation) both become {@code name}. */
    static String path(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> names.clear();
                case CONTAINER_ELEMENT -> {
                    // an element of a list: courseCodePrefixes[1]
                    if (node.getIndex() != null && !names.isEmpty()) {
                        names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
                    }
                }
                default -> {
                    if (node.getName() != null) {
                        names.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
                    }
                }
            }
        }
        return names.isEmpty() ? "body" : String.join(".", names);
    }
}
