-- Issue 13, the consumer side: an institution imports its programmes from its own Open Education API (OOAPI) v5
-- endpoint. Generic SQL for PostgreSQL and the embedded H2 (MODE=PostgreSQL).

-- The endpoint of an institution (at most one), set by its admin; consumer is the ?consumer= key to send, if any.
create table ooapi_source (
    id              varchar(36)  primary key,
    institution_id  varchar(36)  not null references institution (id),
    base_url        varchar(500) not null,
    consumer        varchar(40),
    last_sync_at    timestamp with time zone,
    version         integer      not null default 1,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint ooapi_source_institution_unique unique (institution_id)
);

-- One run of an import. A sync is QUEUED, claimed by one instance (RUNNING) and ends SUCCEEDED or FAILED (with the
-- reason). active_institution holds the institution's id while the sync is QUEUED or RUNNING and is null afterwards:
-- its unique constraint keeps one open sync per institution across the cluster. The endpoint is copied, so a report
-- says what was read even after the source changed.
create table ooapi_sync (
    id                  varchar(36)  primary key,
    institution_id      varchar(36)  not null references institution (id),
    status              varchar(12)  not null,
    trigger_kind        varchar(12)  not null,
    requested_by        varchar(200),
    base_url            varchar(500) not null,
    consumer            varchar(40),
    active_institution  varchar(36),
    claimed_by          varchar(100),
    pages               integer      not null default 0,
    items               integer      not null default 0,
    created_count       integer      not null default 0,
    updated_count       integer      not null default 0,
    unchanged_count     integer      not null default 0,
    refused_count       integer      not null default 0,
    conflict_count      integer      not null default 0,
    failure             varchar(2000),
    queued_at           timestamp with time zone not null,
    started_at          timestamp with time zone,
    heartbeat_at        timestamp with time zone,
    finished_at         timestamp with time zone,
    version             integer      not null default 1,
    constraint ooapi_sync_active_unique unique (active_institution),
    constraint ooapi_sync_status_check check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    constraint ooapi_sync_trigger_check check (trigger_kind in ('MANUAL', 'NIGHTLY'))
);
create index ooapi_sync_status_idx on ooapi_sync (status, queued_at);
create index ooapi_sync_institution_idx on ooapi_sync (institution_id, queued_at);

-- What a sync did with each course it read. remote_content: the mapped content of a conflict, kept until the admin
-- chooses (the registry's or the remote content).
create table ooapi_sync_item (
    id              varchar(36)   primary key,
    sync_id         varchar(36)   not null references ooapi_sync (id) on delete cascade,
    position        integer       not null,
    course_id       varchar(200),
    title           varchar(300),
    outcome         varchar(12)   not null,
    programme_id    varchar(36),
    reasons         varchar(4000),
    remote_content  varchar(200000),
    resolution      varchar(12),
    resolved_by     varchar(200),
    resolved_at     timestamp with time zone,
    constraint ooapi_sync_item_outcome_check check (outcome in ('CREATED', 'UPDATED', 'UNCHANGED', 'REFUSED', 'CONFLICT')),
    constraint ooapi_sync_item_resolution_check check (resolution is null or resolution in ('REGISTRY', 'REMOTE'))
);
create index ooapi_sync_item_sync_idx on ooapi_sync_item (sync_id, position);

-- Per remote course of an institution: the programme it was imported into and the content last imported (canonical
-- JSON and its SHA-256), against which the next sync compares the remote content and the programme's current content.
create table ooapi_imported_course (
    id              varchar(36)   primary key,
    institution_id  varchar(36)   not null references institution (id),
    course_id       varchar(200)  not null,
    programme_id    varchar(36)   not null references programme (id),
    content         varchar(200000) not null,
    content_hash    varchar(64)   not null,
    imported_at     timestamp with time zone not null,
    version         integer       not null default 1,
    constraint ooapi_imported_course_unique unique (institution_id, course_id)
);
create index ooapi_imported_course_programme_idx on ooapi_imported_course (programme_id);

-- The nightly syncs of one day are enqueued once per cluster: the instance that inserts the day's row enqueues them.
create table ooapi_nightly_run (
    run_day      date  primary key,
    enqueued_at  timestamp with time zone not null
);
