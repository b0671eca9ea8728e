/**
 * Recognition agreements between member institutions (DOMAIN.md "Recognition agreements"): the pilot's multilateral
 * agreement and bilateral ones, approved by every party on the SHA-256 hash of their canonical terms, and the
 * recognition query that tells which agreements apply to a programme. Agreements are advice to a Board of Examiners,
 * never an automatic exemption.
 */
package nl.microcredentials.registry.agreements;
