-- The newest published version of each programme, kept with the programme (issue 15): what the public catalogue,
-- OOAPI and the reports show, found by an equality join instead of a MAX() subquery per programme. Null: never published.
ALTER TABLE programme ADD COLUMN published_version INTEGER;

UPDATE programme SET published_version = (
    SELECT MAX(v.number) FROM programme_version v WHERE v.programme_id = programme.id AND v.published_at IS NOT NULL);

-- the public catalogue's first pages, newest first: read from the index and stopped after the page
CREATE INDEX programme_listing ON programme (status, updated_at DESC, id);
