package nl.microcredentials.registry.agreements.ui;

import java.io.Serializable;

/** A choice of a select on the agreement pages: the value sent and the label shown. */
public record Option(String value, String label) implements Serializable { }
