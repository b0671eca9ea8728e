-- PostgreSQL gets a covering index for the pilot report here (INCLUDE); the embedded H2 has no such index type and
-- keeps the plain exemption_received_idx of V8.
select 1;
