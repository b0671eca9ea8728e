-- The embedded quick-start database has no trigger language; the application has no update or delete path for the
-- history, and PostgreSQL (production) enforces it with a trigger.
select 1;
