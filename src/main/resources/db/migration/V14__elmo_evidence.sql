-- Issue 14, part 3: an exemption request recorded from an EMREX/ELMO v2 document keeps that document as its evidence,
-- as received (decoded text, at most 1 MiB: the largest ELMO document the API reads). Null for requests recorded from JSON.
-- varchar with a length rather than a large-object type: the same column on PostgreSQL and H2, read and written as a string.
alter table exemption_request add column elmo_evidence varchar(1048576);
