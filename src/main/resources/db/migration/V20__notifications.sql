-- Notifications (issue 17): an outbox of events written in the transaction of the change that caused them, the
-- messages each event became (one per recipient, rendered in the recipient's language, sent by the dispatcher with
-- retries), and each account's preferences. Runs on PostgreSQL and on the embedded H2 of the quick start.

alter table account add column language varchar(2) not null default 'nl';
alter table account add constraint account_language_check check (language in ('nl', 'en'));

-- What happened, queued with the change: a rolled back change leaves no event; a committed one is expanded into
-- messages by one instance of the cluster (claimed row by row), then deleted.
create table notification_event (
    id            varchar(36)   primary key,
    kind          varchar(40)   not null,
    subject_id    varchar(36)   not null,
    detail        varchar(4000),
    base_url      varchar(500),
    attempts      integer       not null default 0,
    last_error    varchar(500),
    created_at    timestamp with time zone not null
);
create index notification_event_created_idx on notification_event (created_at);

-- One e-mail to one address: the log of what was sent to whom, when, and whether it was delivered.
create table notification (
    id               varchar(36)   primary key,
    kind             varchar(40)   not null,
    recipient        varchar(254)  not null,
    account_id       varchar(36)   references account (id) on delete set null,
    board_id         varchar(36)   references board (id) on delete set null,
    institution_code varchar(64),
    language         varchar(5)    not null,
    subject          varchar(300)  not null,
    body_text        text          not null,
    body_html        text          not null,
    link             varchar(1000),
    subject_id       varchar(36),
    dedupe_key       varchar(300)  not null,
    status           varchar(12)   not null,
    attempts         integer       not null default 0,
    next_attempt_at  timestamp with time zone,
    last_error       varchar(500),
    sent_at          timestamp with time zone,
    summary_id       varchar(36),
    version          integer       not null default 1,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint notification_dedupe_unique unique (dedupe_key),
    constraint notification_status_check check (status in ('PENDING', 'SENT', 'FAILED', 'HELD', 'SUMMARISED'))
);
create index notification_due_idx on notification (status, next_attempt_at);
create index notification_institution_idx on notification (institution_code, created_at);
create index notification_account_idx on notification (account_id, created_at);
create index notification_board_idx on notification (board_id, created_at);

-- An account's choice per kind: IMMEDIATE, DAILY (in one summary a day) or OFF; no row: the kind's default.
create table notification_preference (
    account_id  varchar(36)  not null references account (id) on delete cascade,
    kind        varchar(40)  not null,
    delivery    varchar(10)  not null,
    primary key (account_id, kind),
    constraint notification_preference_delivery_check check (delivery in ('IMMEDIATE', 'DAILY', 'OFF'))
);

insert into scheduled_job (name, last_day) values ('notification-digests', null);
