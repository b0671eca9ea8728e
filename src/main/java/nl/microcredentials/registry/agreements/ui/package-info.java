/** The admin pages of agreements (list, edit, approval view) and the public list of active agreements. */
package nl.microcredentials.registry.agreements.ui;
