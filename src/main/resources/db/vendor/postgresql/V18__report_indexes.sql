-- The pilot report (issue 15). Each index below takes the place of one with the same leading key, or is small: the
-- number of indexes that recording and deciding requests maintain stays the same.

-- One institution's report (an institution admin's, or a coordinator's for one institution) reads that institution's
-- requests of the period: with the institution first, an index-only scan of those entries alone (12,000 instead of the
-- 420,000 of a year on the large data). It replaces exemption_received_idx (received_on, institution_id) of V8, whose work
-- exemption_report_idx (received_on) include (institution_id, ...) of V9 does.
create index exemption_institution_report_idx on exemption_request (institution_id, received_on)
    include (status, outcome, decided_on, appeal_filed_on);
drop index exemption_received_idx;

-- The requests overdue now, per institution: the key of exemption_status_due_idx (V6) with the institution included, so
-- that they are counted from the index (13,000 entries, 3 ms) instead of from 5,000 table pages or a scan of
-- exemption_institution_idx (40 ms). Every query that used the old index finds the same key here.
create index exemption_status_due_report_idx on exemption_request (status, decision_due) include (institution_id);
drop index exemption_status_due_idx;

-- The latest published version of each programme first published in the period, with its NLQF level and EC: read from
-- this small index alone instead of the versions' wide rows (descriptions, learning outcomes, the search vector).
create index programme_version_published_idx on programme_version (programme_id, number) include (id, nlqf_level, ects)
    where published_at is not null;
