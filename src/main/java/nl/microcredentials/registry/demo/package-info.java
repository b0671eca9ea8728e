/**
 * The demo consortium: realistic Boards of Examiners and accounts for every role, loaded at start-up on an empty
 * database when {@code REGISTRY_DEMO_DATA=true}. The 34 member institutions themselves come from a migration.
 */
package nl.microcredentials.registry.demo;
