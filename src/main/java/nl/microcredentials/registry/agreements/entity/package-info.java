/** Agreements, their versions (the terms), approvals, history, and the webhooks that hear of changes. */
package nl.microcredentials.registry.agreements.entity;
