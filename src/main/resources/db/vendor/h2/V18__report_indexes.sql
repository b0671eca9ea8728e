-- PostgreSQL gets covering and partial indexes for the pilot report here (INCLUDE, WHERE); the embedded H2 gets the plain
-- key for one institution's report and keeps exemption_received_idx of V8 (it has no covering index of V9 to replace it).
create index exemption_institution_report_idx on exemption_request (institution_id, received_on);
