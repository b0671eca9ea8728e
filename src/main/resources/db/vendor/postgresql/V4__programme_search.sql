-- Full-text search of the catalogue on PostgreSQL: titles and descriptions in Dutch and English with their own
-- stemming, learning outcomes in both, weighted title > description > outcomes; a GIN index serves @@ queries.
alter table programme_version add column search tsvector generated always as (
        setweight(to_tsvector('english', coalesce(title_en, '')), 'A')
     || setweight(to_tsvector('dutch', coalesce(title_nl, '')), 'A')
     || setweight(to_tsvector('english', coalesce(description_en, '')), 'B')
     || setweight(to_tsvector('dutch', coalesce(description_nl, '')), 'B')
     || setweight(to_tsvector('english', coalesce(learning_outcomes, '')), 'C')
     || setweight(to_tsvector('dutch', coalesce(learning_outcomes, '')), 'C')
    ) stored;
create index programme_version_search_idx on programme_version using gin (search);
