package nl.microcredentials.registry.platform.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Query and path parameters read as text and parsed here, so that a bad one is a 400 naming it, never a 404 or 500. */
public final class QueryParams {

    private QueryParams() { }

    public static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public static Integer integer(String field, String value, int min, int max) {
        if (blank(value) == null) return null;
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) throw RegistryException.invalid(field, "must be between " + min + " and " + max);
            return n;
        } catch (NumberFormatException e) {
            throw RegistryException.invalid(field, "must be a whole number");
        }
    }

    public static BigDecimal decimal(String field, String value) {
        if (blank(value) == null) return null;
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw RegistryException.invalid(field, "must be a number");
        }
    }

    public static <E extends Enum<E>> String enumValue(String field, String value, Class<E> type) {
        if (blank(value) == null) return null;
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalid(field, "must be one of " + String.join(", ",
                    java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        }
    }

    public static Instant instant(String field, String value) {
        if (blank(value) == null) return null;
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw RegistryException.invalid(field, "must be an instant (2026-03-01T00:00:00Z) or a date (2026-03-01)");
            }
        }
    }

    public static LocalDate date(String field, String value) {
        if (blank(value) == null) return null;
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw RegistryException.invalid(field, "must be a date (2026-03-01)");
        }
    }
}
