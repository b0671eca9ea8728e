/** Notifications: control. */
package nl.microcredentials.registry.notifications.control;
