/** The admin UI's shell: the dashboard each role lands on after login. Depends on the components it summarises. */
package nl.microcredentials.registry.admin;
