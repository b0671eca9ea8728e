/** Notifications: entity. */
package nl.microcredentials.registry.notifications.entity;
