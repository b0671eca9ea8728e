/** HTTP conventions of the API: problem+json errors and their mappers, pagination, ETags and If-Match, JSON field errors, the JAX-RS application. */
package nl.microcredentials.registry.platform.rest;
