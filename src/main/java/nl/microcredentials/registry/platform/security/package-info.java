/** Authentication and the caller's scope: the one HTTP authentication mechanism (MP-JWT for /api, a session for /admin), the registry's own accounts, PBKDF2 passwords, token issuing and default key generation. */
package nl.microcredentials.registry.platform.security;
