/** The datasource (configured through MicroProfile Config), Flyway migrations at start-up, and the audited base entity. */
package nl.microcredentials.registry.platform.persistence;
