/** Notifications: boundary. */
package nl.microcredentials.registry.notifications.boundary;
