-- The embedded quick-start database has no full-text index: its catalogue search matches words with LIKE
-- (see ProgrammeSearch). PostgreSQL gets a tsvector column and a GIN index in its own V4.
create index programme_version_title_en_idx on programme_version (title_en);
