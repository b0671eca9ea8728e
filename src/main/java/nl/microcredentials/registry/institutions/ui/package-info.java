/** Backing beans of admin/institutions/*.xhtml and admin/boards/*.xhtml. */
package nl.microcredentials.registry.institutions.ui;
