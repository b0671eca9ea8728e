package nl.microcredentials.registry.agreements.entity;

/**
 * The lifecycle of an agreement. DRAFT, PROPOSED, ACTIVE and TERMINATED are stored; EXPIRED is what an ACTIVE or
 * PROPOSED agreement reads as once its {@code validUntil} has passed (computed on every read, so always right).
 */
public enum AgreementStatus { DRAFT, PROPOSED, ACTIVE, TERMINATED, EXPIRED }
