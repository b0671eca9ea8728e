-- Optimistic locking on the last two mutable tables without it: an agreement version is activated (activated_at), a
-- webhook delivery is retried and marked delivered or failed.
alter table agreement_version add column version integer not null default 1;
alter table webhook_delivery add column version integer not null default 1;

-- The pilot report selects exemption requests by the day they were received, and programmes by when they were first
-- published; without these the report scans every row for any period.
create index exemption_received_idx on exemption_request (received_on, institution_id);
create index programme_first_published_idx on programme (first_published_at);
