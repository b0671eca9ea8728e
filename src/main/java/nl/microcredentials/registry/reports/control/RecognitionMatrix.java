package nl.microcredentials.registry.reports.control;

import java.time.LocalDate;
import java.util.List;

/**
 * All members x all members on a day: {@code effects.get(i).get(j)} is the strongest effect (RecognitionEffect name)
 * of an agreement active that day by which {@code parties.get(i)} (receiving) recognises micro-credentials issued by
 * {@code parties.get(j)}, or null when none. The diagonal is null. Multilateral agreements make it symmetric.
 */
public record RecognitionMatrix(LocalDate on, List<Party> parties, List<List<String>> effects) implements java.io.Serializable {

    public record Party(String code, String name, String sector) implements java.io.Serializable { }
}
