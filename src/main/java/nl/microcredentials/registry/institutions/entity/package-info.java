/** JPA entities of member institutions and Boards of Examiners; the schema itself is in the Flyway migrations. */
package nl.microcredentials.registry.institutions.entity;
