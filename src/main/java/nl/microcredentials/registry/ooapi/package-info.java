/**
 * The Open Education API (OOAPI) v5, in both directions: the registry serves the pilot's published catalogue under
 * {@code /ooapi/v5} as RIO and eduXchange read it, and imports programmes from an institution's own OOAPI endpoint.
 * One mapping ({@code docs/ooapi.md}) serves both.
 */
package nl.microcredentials.registry.ooapi;
