/**
 * Shared platform code: persistence and migrations, the one authentication mechanism and the caller's scope,
 * problem+json errors, pagination, HTTP conventions (ETags), health and request logging. Depends on no business component.
 */
package nl.microcredentials.registry.platform;
