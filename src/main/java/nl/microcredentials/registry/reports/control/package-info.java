/**
 * The report model and its computation: aggregate SQL ({@code ReportQueries}), exact percentiles from lead-time histograms
 * ({@code LeadTimes}), the report as tables and its CSV and XLSX exports. Plain Java apart from the queries.
 */
package nl.microcredentials.registry.reports.control;
