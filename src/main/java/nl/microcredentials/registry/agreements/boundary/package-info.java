/** The agreements facade and its REST resources: {@code /api/agreements}, {@code /api/recognition}, webhooks. */
package nl.microcredentials.registry.agreements.boundary;
