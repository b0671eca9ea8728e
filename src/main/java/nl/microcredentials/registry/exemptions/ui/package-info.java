/** The board's inbox, the request page with its decision form, and the form that records a request. */
package nl.microcredentials.registry.exemptions.ui;
