package nl.microcredentials.registry.programmes.entity;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of texts in one column as a JSON array: learning outcomes are read and written with their version,
 * never queried one by one, and a single column lets PostgreSQL index them for full-text search.
 */
@Converter
public class StringListConverter implements AttributeConverter<List<String>, String> {

    /** One provider for the class: Json.createX looks the provider up anew on every call, which costs more than the parsing. */
    private static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    @Override
    public String convertToDatabaseColumn(List<String> values) {
        var array = JSON.createArrayBuilder();
        if (values != null) values.forEach(array::add);
        return array.build().toString();
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        List<String> values = new ArrayList<>();
        if (column == null || column.isBlank()) return values;
        try (var reader = JSON.createReader(new StringReader(column))) {
            JsonArray array = reader.readArray();
            array.getValuesAs(JsonString.class).forEach(s -> values.add(s.getString()));
        }
        return values;
    }
}
