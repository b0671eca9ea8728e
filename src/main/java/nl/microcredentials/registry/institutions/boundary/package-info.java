/** The institutions component's faces to the outside: the transactional facade {@link nl.microcredentials.registry.institutions.boundary.Institutions} shared by REST and Faces, the JAX-RS resources, and the request/response shapes. */
package nl.microcredentials.registry.institutions.boundary;
