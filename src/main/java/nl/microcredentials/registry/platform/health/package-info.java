/** MicroProfile Health checks: readiness follows the database. */
package nl.microcredentials.registry.platform.health;
