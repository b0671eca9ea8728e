-- Exemption requests (DOMAIN.md "Exemption requests"): recorded at the receiving institution, routed to one of its
-- Boards of Examiners, decided by a member of that board. Learner data lives in this table only; the history holds
-- transitions, never learner data.

create table exemption_request (
    id                        varchar(36)   primary key,
    institution_id            varchar(36)   not null references institution (id),
    board_id                  varchar(36)   not null references board (id),
    reference                 varchar(40)   not null,
    idempotency_key           varchar(200),
    learner_name              varchar(200)  not null,
    learner_email             varchar(254),
    learner_student_number    varchar(40),
    programme_id              varchar(36)   not null references programme (id),
    programme_version         integer       not null,
    issuer_code               varchar(60)   not null,
    awarded_on                date          not null,
    evidence_url              varchar(500),
    target_course_code        varchar(40)   not null,
    target_course_title       varchar(300)  not null,
    target_course_ects        numeric(4, 1) not null,
    target_programme          varchar(300),
    motivation                varchar(5000),
    warnings                  varchar(4000),
    status                    varchar(24)   not null,
    received_on               date          not null,
    term_days                 integer       not null,
    extension_days            integer       not null default 0,
    extension_reason          varchar(2000),
    suspended_days            integer       not null default 0,
    information_requested_on  date,
    decision_due              date          not null,
    outcome                   varchar(20),
    ects_granted              numeric(4, 1),
    decision_motivation       varchar(10000),
    decided_on                date,
    decided_by                varchar(200),
    appeal_filed_on           date,
    version                   integer       not null default 1,
    created_at                timestamp with time zone not null,
    updated_at                timestamp with time zone not null,
    constraint exemption_reference_unique unique (institution_id, reference),
    constraint exemption_idempotency_unique unique (institution_id, idempotency_key),
    constraint exemption_status_check check (status in ('SUBMITTED', 'IN_REVIEW', 'INFORMATION_REQUESTED', 'DECIDED', 'WITHDRAWN',
        'APPEALED', 'UPHELD', 'OVERTURNED')),
    constraint exemption_outcome_check check (outcome is null or outcome in ('GRANTED', 'PARTIALLY_GRANTED', 'REJECTED'))
);
create index exemption_board_due_idx on exemption_request (board_id, status, decision_due);
create index exemption_institution_idx on exemption_request (institution_id, status, decision_due);
create index exemption_status_due_idx on exemption_request (status, decision_due);
create index exemption_programme_idx on exemption_request (programme_id);

-- One counter per institution and year for the human-readable references (TD-2026-000123).
create table exemption_reference_counter (
    institution_id  varchar(36) not null references institution (id),
    ref_year        integer     not null,
    last_number     integer     not null,
    primary key (institution_id, ref_year)
);

-- The history: append-only (on PostgreSQL a trigger refuses UPDATE and DELETE).
create table exemption_event (
    id              varchar(36)  primary key,
    request_id      varchar(36)  not null references exemption_request (id),
    occurred_at     timestamp with time zone not null,
    action          varchar(30)  not null,
    actor           varchar(200) not null,
    actor_role      varchar(30),
    from_status     varchar(24),
    to_status       varchar(24),
    reason          varchar(5000)
);
create index exemption_event_request_idx on exemption_event (request_id, occurred_at);
