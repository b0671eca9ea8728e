/** Rules of the institutions component in plain Java: routing to boards, the issuer profile of Open Badges. */
package nl.microcredentials.registry.institutions.control;
