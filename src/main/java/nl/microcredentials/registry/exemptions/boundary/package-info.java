/** The exemptions facade and {@code /api/exemption-requests}. */
package nl.microcredentials.registry.exemptions.boundary;
