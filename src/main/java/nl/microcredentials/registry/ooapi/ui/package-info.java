/** The admin pages of the OOAPI import: the institution's endpoint, its syncs and a sync's report. */
package nl.microcredentials.registry.ooapi.ui;
