-- Member institutions, their Boards of Examiners, and the registry's own accounts.
-- Written for PostgreSQL; also runs on the embedded H2 (MODE=PostgreSQL) of the quick start.

create table institution (
    id            varchar(36)  primary key,
    code          varchar(64)  not null,
    name          varchar(200) not null,
    sector        varchar(3)   not null,
    brin          varchar(4),
    website       varchar(500),
    member_since  date,
    active        boolean      not null default true,
    version       integer      not null default 1,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    constraint institution_code_unique unique (code),
    constraint institution_sector_check check (sector in ('WO', 'HBO')),
    constraint institution_brin_check check (brin is null or length(brin) = 4)
);

create table board (
    id                       varchar(36)  primary key,
    institution_id           varchar(36)  not null references institution (id),
    name                     varchar(200) not null,
    email                    varchar(254) not null,
    decision_term_days       integer      not null default 56,
    is_default               boolean      not null default false,
    -- the institution's id while this is its default board: at most one default per institution
    default_for_institution  varchar(36),
    version                  integer      not null default 1,
    created_at               timestamp with time zone not null,
    updated_at               timestamp with time zone not null,
    constraint board_default_unique unique (default_for_institution),
    constraint board_default_consistent check ((is_default and default_for_institution = institution_id)
                                            or (not is_default and default_for_institution is null)),
    constraint board_term_check check (decision_term_days between 1 and 365)
);
create index board_institution_idx on board (institution_id);

create table board_course_prefix (
    board_id  varchar(36) not null references board (id) on delete cascade,
    position  integer     not null,
    prefix    varchar(20) not null,
    primary key (board_id, position)
);

create table account (
    id                varchar(36)  primary key,
    username          varchar(100) not null,
    password_hash     varchar(500) not null,
    display_name      varchar(200) not null,
    email             varchar(254) not null,
    role              varchar(32)  not null,
    institution_code  varchar(64)  references institution (code),
    board_id          varchar(36)  references board (id),
    active            boolean      not null default true,
    version           integer      not null default 1,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    constraint account_username_unique unique (username),
    constraint account_role_check check (role in ('coordinator', 'institution-admin', 'board-member'))
);
