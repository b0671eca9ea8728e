/** The notification pages of the admin UI: the log of e-mail sent, and each account's preferences. */
package nl.microcredentials.registry.notifications.ui;
