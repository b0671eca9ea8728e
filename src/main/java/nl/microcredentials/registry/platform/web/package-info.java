/** Faces-wide beans (login, locale, the signed-in user, messages) and the request log filter. */
package nl.microcredentials.registry.platform.web;
