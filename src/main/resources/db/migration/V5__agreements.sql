-- Recognition agreements (DOMAIN.md, after Erasmus Without Paper IIA + Approval): the agreement row holds the
-- lifecycle; each version row holds the contractual terms and their SHA-256 hash. A version that was proposed is
-- never changed again: a change makes a new version with a new hash, and approvals name the hash they approve.

create table agreement (
    id                  varchar(36)   primary key,
    title               varchar(300)  not null,
    consortium_wide     boolean       not null default false,
    status              varchar(16)   not null,
    current_version     integer       not null,
    active_version      integer,
    valid_until         date,
    ever_approved       boolean       not null default false,
    created_by          varchar(200)  not null,
    created_by_institution varchar(60),
    terminated_on       date,
    termination_reason  varchar(2000),
    version             integer       not null default 1,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    constraint agreement_status_check check (status in ('DRAFT', 'PROPOSED', 'ACTIVE', 'TERMINATED'))
);
create index agreement_status_idx on agreement (status);
create index agreement_updated_idx on agreement (updated_at);

create table agreement_version (
    id               varchar(36)   primary key,
    agreement_id     varchar(36)   not null references agreement (id) on delete cascade,
    number           integer       not null,
    kind             varchar(16)   not null,
    effect           varchar(20)   not null,
    terms            varchar(20000) not null,
    valid_from       date          not null,
    valid_until      date,
    min_nlqf_level   varchar(5),
    max_nlqf_level   varchar(5),
    min_ects         numeric(4, 1),
    max_ects         numeric(4, 1),
    terms_hash       varchar(64)   not null,
    canonical_terms  varchar(60000) not null,
    created_by       varchar(200)  not null,
    activated_at     timestamp with time zone,
    created_at       timestamp with time zone not null,
    constraint agreement_version_number_unique unique (agreement_id, number),
    constraint agreement_version_kind_check check (kind in ('MULTILATERAL', 'BILATERAL')),
    constraint agreement_version_effect_check check (effect in ('IN_PRINCIPLE', 'ADMISSION', 'ELECTIVE_CREDITS', 'COURSE_EXEMPTION'))
);

create table agreement_party (
    version_id        varchar(36) not null references agreement_version (id) on delete cascade,
    institution_code  varchar(60) not null,
    primary key (version_id, institution_code)
);
create index agreement_party_institution_idx on agreement_party (institution_code, version_id);

create table agreement_scope_programme (
    version_id    varchar(36) not null references agreement_version (id) on delete cascade,
    programme_id  varchar(36) not null,
    primary key (version_id, programme_id)
);
create index agreement_scope_programme_idx on agreement_scope_programme (programme_id);

create table agreement_scope_issuer (
    version_id        varchar(36) not null references agreement_version (id) on delete cascade,
    institution_code  varchar(60) not null,
    primary key (version_id, institution_code)
);

-- An approval names the exact hash it approves; approving one hash twice is impossible.
create table agreement_approval (
    id                varchar(36)  primary key,
    agreement_id      varchar(36)  not null references agreement (id) on delete cascade,
    version_number    integer      not null,
    institution_code  varchar(60)  not null,
    terms_hash        varchar(64)  not null,
    approved_by       varchar(200) not null,
    approved_at       timestamp with time zone not null,
    constraint agreement_approval_unique unique (agreement_id, institution_code, terms_hash)
);

-- The agreement's history: append-only.
create table agreement_event (
    id                varchar(36)  primary key,
    agreement_id      varchar(36)  not null references agreement (id) on delete cascade,
    occurred_at       timestamp with time zone not null,
    action            varchar(20)  not null,
    actor             varchar(200) not null,
    actor_institution varchar(60),
    from_status       varchar(16),
    to_status         varchar(16),
    version_number    integer,
    terms_hash        varchar(64),
    detail            varchar(2000)
);
create index agreement_event_agreement_idx on agreement_event (agreement_id, occurred_at);

-- Change notifications: one webhook per institution; deliveries are queued in the same transaction as the change
-- and sent after commit by a poller, with retries and backoff.
create table webhook (
    id              varchar(36)  primary key,
    institution_id  varchar(36)  not null unique references institution (id),
    url             varchar(500) not null,
    secret          varchar(100) not null,
    version         integer      not null default 1,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);

create table webhook_delivery (
    id               varchar(36)  primary key,
    webhook_id       varchar(36)  not null references webhook (id) on delete cascade,
    agreement_id     varchar(36)  not null,
    event            varchar(20)  not null,
    status           varchar(12)  not null,
    attempts         integer      not null default 0,
    next_attempt_at  timestamp with time zone not null,
    last_error       varchar(500),
    delivered_at     timestamp with time zone,
    created_at       timestamp with time zone not null,
    constraint webhook_delivery_status_check check (status in ('PENDING', 'DELIVERED', 'FAILED'))
);
create index webhook_delivery_due_idx on webhook_delivery (status, next_attempt_at);
