package nl.microcredentials.registry.agreements.entity;

/** Two parties, or more (the pilot's own agreement is multilateral with every member). */
public enum AgreementKind { MULTILATERAL, BILATERAL }
