-- Issue 20: promises that must hold.

-- A withdrawn programme that was revised stays WITHDRAWN until it is published again (it became a DRAFT before, which
-- hid its published versions): repair the programmes that went that way.
update programme set status = 'WITHDRAWN' where status = 'DRAFT' and first_published_at is not null and withdrawn_at is not null;

-- Published programmes that no longer satisfy the pilot's rules after a change of their institution (its sector):
-- what was found and when, shown to the institution and the coordinators until a new version is published.
alter table programme add column rule_findings varchar(4000);
alter table programme add column rule_findings_at timestamp with time zone;

-- An Idempotency-Key names one request body: the SHA-256 of the canonical JSON of the first body, so a key reused
-- with another body is refused instead of answering with the first request.
alter table exemption_request add column idempotency_fingerprint varchar(64);

-- A request re-routed to another Board of Examiners starts afresh there (Awb 2:3: the competent board received it on
-- the day it was forwarded): the decision term runs from term_start, the day of receipt or of the last re-routing.
alter table exemption_request add column term_start date;
update exemption_request set term_start = received_on;
