/**
 * Outbound calls to addresses that callers chose (webhooks): the policy of which addresses are globally routable, a
 * resolver that checks each address it hands out, and the HTTP client that connects only to those checked addresses.
 */
package nl.microcredentials.registry.platform.outbound;
