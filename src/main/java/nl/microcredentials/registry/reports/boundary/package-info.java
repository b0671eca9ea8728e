/**
 * The reports' faces: {@code /api/reports} (pilot report as JSON, CSV and XLSX; recognition matrix), {@code /api/statistics},
 * and the {@code Reports} facade that the report page shares.
 */
package nl.microcredentials.registry.reports.boundary;
