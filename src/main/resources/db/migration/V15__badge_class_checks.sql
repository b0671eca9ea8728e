-- Issue 14: the edubadges badge class a programme names, read on publication and nightly, compared with the registered
-- version. One row per programme: the last outcome (AGREES, DISAGREES, UNREACHABLE, INVALID) and its findings, and when
-- the next check is due. A check is claimed by moving due_at a lease ahead (FOR UPDATE SKIP LOCKED on PostgreSQL), so
-- of several instances one does it, and another takes it over when the lease runs out.
create table badge_class_check (
    id               varchar(36)   primary key,
    programme_id     varchar(36)   not null references programme (id) on delete cascade,
    version_number   integer       not null,
    badge_class_url  varchar(500)  not null,
    status           varchar(16)   not null,
    findings         varchar(4000),
    detail           varchar(500),
    checked_at       timestamp with time zone,
    due_at           timestamp with time zone,
    attempts         integer       not null default 0,
    version          integer       not null default 1,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint badge_class_check_programme_unique unique (programme_id),
    constraint badge_class_check_status_check check (status in ('PENDING', 'AGREES', 'DISAGREES', 'UNREACHABLE', 'INVALID'))
);
create index badge_class_check_due_idx on badge_class_check (due_at);

-- Work done once a day by one instance of the cluster: the instance that moves last_day to today does it.
create table scheduled_job (
    name      varchar(100) primary key,
    last_day  date
);
insert into scheduled_job (name, last_day) values ('badge-class-checks', null);
insert into scheduled_job (name, last_day) values ('ooapi-sync', null);
