package nl.microcredentials.registry.exemptions.ui;

import java.io.Serializable;

/** A choice of a select on the exemption pages: the value sent and the label shown. */
public record Option(String value, String label) implements Serializable { }
