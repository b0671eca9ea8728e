/**
 * Pilot reports for the national coordinators: per institution, per sector and in total over a period (programmes,
 * agreements, exemption requests), the recognition matrix, public statistics, and their CSV and XLSX exports.
 * Every figure is computed in the database by aggregate queries; nothing loads entities to count them.
 */
package nl.microcredentials.registry.reports;
