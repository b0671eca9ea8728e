-- The nightly OOAPI syncs are claimed in scheduled_job (row 'ooapi-sync', V15) like the nightly badge class checks:
-- one mechanism for work done once a day per cluster. The import's own table of nightly runs goes.
drop table ooapi_nightly_run;
