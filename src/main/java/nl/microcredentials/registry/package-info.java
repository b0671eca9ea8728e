/**
 * The Microcredential Recognition Registry of the Dutch national pilot of micro-credentials.
 * <p>
 * One package per business component ({@code institutions}, later {@code programmes}, {@code agreements},
 * {@code exemptions}, {@code reports}), each with {@code boundary} (REST resources and the transactional facade
 * they share with the Faces pages), {@code control} (rules in plain Java), {@code entity} (JPA) and {@code ui}
 * (Faces backing beans). {@code platform} holds what every component needs (security, problem+json errors,
 * persistence and migrations) and depends on no component.
 */
package nl.microcredentials.registry;
