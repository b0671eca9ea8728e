-- Micro-credential programmes and their versions. A programme row holds the lifecycle (status, latest version);
-- each version row holds the content. A version that has been published is never changed again: a change to a
-- published programme makes a new version, so that an exemption request can refer to the version a learner earned.

create table programme (
    id                 varchar(36)  primary key,
    institution_id     varchar(36)  not null references institution (id),
    status             varchar(16)  not null,
    latest_version     integer      not null,
    first_published_at timestamp with time zone,
    withdrawn_at       timestamp with time zone,
    withdrawal_reason  varchar(2000),
    version            integer      not null default 1,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    constraint programme_status_check check (status in ('DRAFT', 'PUBLISHED', 'WITHDRAWN'))
);
create index programme_institution_idx on programme (institution_id);
create index programme_status_updated_idx on programme (status, updated_at);
create index programme_updated_idx on programme (updated_at);

create table programme_version (
    id                     varchar(36)  primary key,
    programme_id           varchar(36)  not null references programme (id),
    number                 integer      not null,
    course_code            varchar(40),
    title_nl               varchar(300),
    title_en               varchar(300),
    description_nl         varchar(10000),
    description_en         varchar(10000),
    learning_outcomes      varchar(60000),
    ects                   numeric(4, 1),
    study_hours            integer,
    nlqf_level             varchar(5),
    eqf_level              integer,
    level_verified         boolean      not null default false,
    assessment_type        varchar(32),
    assessment_supervised  boolean      not null default false,
    identity_verified      boolean      not null default false,
    qa_name                varchar(200),
    qa_url                 varchar(500),
    qa_description         varchar(2000),
    prerequisites          varchar(2000),
    grade_recorded         boolean      not null default false,
    stackable_towards      varchar(2000),
    isced_field            varchar(4),
    badge_class_url        varchar(500),
    microcredential_since  date,
    experimental           boolean      not null default false,
    published_at           timestamp with time zone,
    version                integer      not null default 1,
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null,
    constraint programme_version_number_unique unique (programme_id, number)
);
create index programme_version_badge_idx on programme_version (badge_class_url);
create index programme_version_ects_idx on programme_version (ects);
create index programme_version_nlqf_idx on programme_version (nlqf_level);

create table programme_version_language (
    version_id  varchar(36) not null references programme_version (id) on delete cascade,
    position    integer     not null,
    language    varchar(3)  not null,
    primary key (version_id, position)
);
create index programme_version_language_idx on programme_version_language (language, version_id);

create table programme_version_participation (
    version_id     varchar(36) not null references programme_version (id) on delete cascade,
    position       integer     not null,
    participation  varchar(20) not null,
    primary key (version_id, position)
);
create index programme_version_participation_idx on programme_version_participation (participation, version_id);
