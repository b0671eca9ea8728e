/** The rules of exemption requests in plain Java: the workflow, the deadline arithmetic, decisions, references. */
package nl.microcredentials.registry.exemptions.control;
