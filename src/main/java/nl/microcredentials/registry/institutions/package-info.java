/**
 * The member institutions of the pilot and their Boards of Examiners (examencommissies): who is in the consortium,
 * and which board decides the exemption requests for which courses. {@code entity} holds the JPA model,
 * {@code control} the rules (one default board, routing by course-code prefix), {@code boundary} the facade and the
 * REST resources, {@code ui} the admin pages' backing beans.
 */
package nl.microcredentials.registry.institutions;
