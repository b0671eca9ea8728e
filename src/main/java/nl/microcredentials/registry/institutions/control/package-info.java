/** Rules of institutions and boards in plain Java: routing a course to its Board of Examiners by course-code prefix. */
package nl.microcredentials.registry.institutions.control;
