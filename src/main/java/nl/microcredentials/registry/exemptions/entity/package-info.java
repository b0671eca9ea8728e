/** Exemption requests and their append-only history. */
package nl.microcredentials.registry.exemptions.entity;
