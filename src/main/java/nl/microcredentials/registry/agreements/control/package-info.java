/** The agreements' rules in plain Java: canonical terms and their hash, validation, the lifecycle, scope matching. */
package nl.microcredentials.registry.agreements.control;
