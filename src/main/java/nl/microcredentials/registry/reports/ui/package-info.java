/** The report page's backing bean: filters, tables, Chart.js chart configurations, the heat map and the downloads. */
package nl.microcredentials.registry.reports.ui;
