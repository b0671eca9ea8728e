/**
 * Notifications: e-mail to the people who can act on what happened (boards, institution admins, coordinators), written
 * to an outbox in the transaction of the change and sent afterwards with retries, once per cluster.
 */
package nl.microcredentials.registry.notifications;
