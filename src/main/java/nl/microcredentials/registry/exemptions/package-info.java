/**
 * Exemption requests (DOMAIN.md "Exemption requests"): a learner with a micro-credential of institution A asks
 * institution B for exemption; B records the request, the registry routes it to B's responsible Board of Examiners,
 * tracks the legal deadline and records the board's decision and any appeal. Exemption is never automatic.
 */
package nl.microcredentials.registry.exemptions;
