-- Benchmark data: ADDS a large consortium to a registry database that the application has already migrated (and,
-- usually, filled with its demo data): for the 34 member institutions and their Boards of Examiners
--   10,000 programmes (1 or 2 versions each, with languages and forms of participation),
--      200 recognition agreements (versions, parties, approvals, history),
-- 1,000,000 exemption requests received 2023..today, with their history (exemption_event, about 3 events each).
-- Plain SQL (generate_series, INSERT ... SELECT), one transaction, then VACUUM (ANALYZE). Re-running it adds another batch.
-- About 2 minutes on 2 cores (PostgreSQL 15, default settings); the database grows by about 2 GB.
--
--   psql -h 127.0.0.1 -U registry -d registry_bench -v ON_ERROR_STOP=1 -f bench/generate.sql
--   (smaller: -v programmes=1000 -v agreements=20 -v requests=100000)
--
-- It writes what the application would write:
--   * programme_version.search is a GENERATED column (db/vendor/postgresql/V4): PostgreSQL fills it, nothing to do;
--   * learning_outcomes is a JSON array of strings (StringListConverter);
--   * study hours = 28 per EC (84..840), NLQF/EQF agree (4+ -> EQF 4), microcredential_since >= 2023-01-01;
--   * exemption references are <prefix>-<year>-<number> (ExemptionRules) and exemption_reference_counter is moved
--     past them, so that requests recorded later through the API never collide with unique (institution_id, reference);
--   * requests are routed to a board whose course-code prefix matches the target course (else the default board);
--     decision_due = received_on + term + extension + suspended days; a decision falls 5..120 days after receipt;
--   * exemption_event is append-only (a trigger refuses UPDATE/DELETE): the history is only INSERTed, one event per
--     transition that happened (RECORDED, REVIEW, ..., DECISION, APPEAL, APPEAL_OUTCOME): 2-4 events for 86% of the
--     requests, 5-8 where information was requested or a decision appealed, 1 for the few still SUBMITTED; every
--     request's version counts its events and its status is the last event's.
-- For speed the two exemption tables are bulk-loaded: their keys, indexes and foreign keys are dropped and re-created
-- (so re-checked over all rows) inside the same transaction; everything else is inserted with its constraints in place.
-- Randomness is seeded (setseed) so the figures are repeatable; ids are gen_random_uuid().

\if :{?programmes} \else \set programmes 10000 \endif
\if :{?agreements} \else \set agreements 200 \endif
\if :{?requests} \else \set requests 1000000 \endif
\set ON_ERROR_STOP on
\timing on

set temp_buffers = '256MB';
set work_mem = '64MB';
set maintenance_work_mem = '256MB';
set synchronous_commit = off;
set jit = off;
select setseed(0.2026);

begin;

\echo == institutions and boards
create temp table inst on commit drop as
select (row_number() over (order by i.code))::int - 1 as idx, i.id, i.code, i.sector, i.name,
       (select left(upper(string_agg(left(w, 1), '' order by o)), 4)
          from regexp_split_to_table(i.code, '[^A-Za-z0-9]+') with ordinality as s(w, o) where w <> '') as prefix
  from institution i;
create unique index on inst (idx);
select count(*) as institutions from inst;

-- boards a request can be routed to: the default board, and every other board by a course-code prefix of its own;
-- the default board gets codes that match no other board's prefix (X + the institution's prefix)
create temp table brd on commit drop as
with routable as (
  select i.idx as inst_idx, b.id, b.name, b.decision_term_days as term, b.is_default,
         case when b.is_default then 'X' || i.prefix
              else (select p.prefix from board_course_prefix p where p.board_id = b.id order by p.position limit 1) end as course_prefix
    from board b join inst i on i.id = b.institution_id
)
select r.*, (row_number() over (partition by r.inst_idx order by r.is_default desc, r.name, r.id))::int - 1 as bidx,
       (count(*) over (partition by r.inst_idx))::int as nboards
  from routable r where r.course_prefix is not null;
create unique index on brd (inst_idx, bidx);

-- ---------------------------------------------------------------------------------------------------------------
\echo == programmes
create temp table topic on commit drop as
select (o - 1)::int as t, en, nl from unnest(
  array['Data Science','Artificial Intelligence','Robotics','Sustainable Energy','Circular Economy','Cyber Security',
        'Health Care Innovation','Nursing Leadership','Water Management','Urban Planning','Supply Chain Management',
        'Digital Marketing','Financial Accounting','Project Management','Educational Leadership','Inclusive Teaching',
        'Climate Adaptation','Food Safety','Agricultural Technology','Animal Welfare','Hospitality Management',
        'Tourism Development','Software Testing','Cloud Computing','Blockchain Applications','Human Rights Law',
        'European Law','Public Administration','Mental Health','Physiotherapy','Sports Nutrition','Biomedical Engineering',
        'Quantum Computing','Materials Science','Structural Engineering','Mobility and Transport','Interaction Design',
        'Game Development','Data Visualisation','Research Methods'],
  array['Datawetenschap','Kunstmatige intelligentie','Robotica','Duurzame energie','Circulaire economie','Cyberveiligheid',
        'Zorginnovatie','Leiderschap in de verpleegkunde','Waterbeheer','Stedenbouw','Ketenmanagement',
        'Digitale marketing','Financiële administratie','Projectmanagement','Onderwijskundig leiderschap','Inclusief lesgeven',
        'Klimaatadaptatie','Voedselveiligheid','Agrotechnologie','Dierenwelzijn','Hospitalitymanagement',
        'Toerismeontwikkeling','Softwaretesten','Cloudcomputing','Blockchaintoepassingen','Mensenrechten',
        'Europees recht','Bestuurskunde','Geestelijke gezondheid','Fysiotherapie','Sportvoeding','Biomedische technologie',
        'Quantumcomputing','Materiaalkunde','Constructief ontwerpen','Mobiliteit en transport','Interactieontwerp',
        'Gameontwikkeling','Datavisualisatie','Onderzoeksmethoden']) with ordinality as x(en, nl, o);
create unique index on topic (t);

-- one row per programme: the random draws
create temp table gp_raw on commit drop as
select n, random() as r_inst, random() as r_topic, random() as r_topic2, random() as r_status, random() as r_versions,
       random() as r_created, random() as r_pub, random() as r_v2, random() as r_wd, random() as r_ects, random() as r_ects2,
       random() as r_level, random() as r_lang, random() as r_part, random() as r_part2, random() as r_assess,
       random() as r_words, random() as r_since, random() as r_lo
  from generate_series(1, :programmes) as n;

create temp table gp on commit drop as
with base as (
  select g.*, i.idx as inst_idx, i.id as inst_id, i.code as inst_code, i.sector, i.prefix,
         floor(g.r_topic * 40)::int as topic, floor(g.r_topic2 * 40)::int as topic2,
         case when g.r_status < 0.07 then 'DRAFT' when g.r_status < 0.12 then 'WITHDRAWN' else 'PUBLISHED' end as status,
         -- more programmes as the pilot grows: created 2023-01-02 .. 10 days ago
         timestamptz '2023-01-02 08:00:00+01'
           + (current_date - 10 - date '2023-01-02') * power(g.r_created, 0.7) * interval '1 day'
           + g.r_pub * interval '9 hours' as created_at
    from gp_raw g join inst i on i.idx = floor(g.r_inst * 34)::int
), dated as (
  select b.*,
         case when status = 'DRAFT' then null
              else least(created_at + (3 + floor(r_pub * 57)) * interval '1 day', now() - interval '2 days') end as first_published_at
    from base b
), versioned as (
  select d.*,
         case when status <> 'DRAFT' and r_versions < 0.3
                   and first_published_at + (30 + floor(r_v2 * 370)) * interval '1 day' < now() - interval '1 day'
              then first_published_at + (30 + floor(r_v2 * 370)) * interval '1 day' end as v2_published_at
    from dated d
)
select v.*,
       case when v2_published_at is null then 1 else 2 end as nversions,
       case when status = 'WITHDRAWN'
            then least(coalesce(v2_published_at, first_published_at) + (20 + floor(r_wd * 300)) * interval '1 day', now() - interval '1 hour') end as withdrawn_at,
       -- EC: mostly the usual sizes, otherwise anything in 3..30 in steps of 0.5
       case when r_ects < 0.6 then (array[3, 4, 5, 5, 5, 6, 7.5, 10, 15, 30]::numeric[])[1 + floor(r_ects2 * 10)::int]
            else round((3 + 27 * power(r_ects2, 2.2)) * 2) / 2 end::numeric(4, 1) as ects,
       case when sector = 'HBO' then case when r_level < 0.05 then '4+' when r_level < 0.25 then '5' when r_level < 0.9 then '6' else '7' end
            else case when r_level < 0.3 then '6' when r_level < 0.9 then '7' else '8' end end as nlqf,
       -- languages: both (nl first), English only, Dutch only
       case when r_lang < 0.45 then 'nl+en' when r_lang < 0.75 then 'en' else 'nl' end as langs,
       (array['ONLINE','ONSITE','BLENDED','WORK_EXPERIENCE'])[1 + floor(r_part * 4)::int] as part1,
       case when r_part2 < 0.3 then (array['ONLINE','ONSITE','BLENDED','WORK_EXPERIENCE'])[1 + ((floor(r_part * 4)::int + 1 + floor(r_part2 * 10)::int % 3) % 4)] end as part2,
       (array['WRITTEN_EXAM','REPORT_PAPER','BEHAVIOURAL_ASSESSMENT','PROFESSIONAL_PRODUCT','DEVELOPMENT_REPORT','PORTFOLIO','ORAL_EXAM','PERSONALISED_ASSESSMENT'])[1 + floor(r_assess * 8)::int] as assessment,
       gen_random_uuid()::text as id
  from versioned v;
create unique index on gp (n);

insert into programme (id, institution_id, status, latest_version, first_published_at, withdrawn_at, withdrawal_reason, version, created_at, updated_at)
select id, inst_id, status, nversions, first_published_at, withdrawn_at,
       case when status = 'WITHDRAWN' then (array['Replaced by a new programme', 'Too few participants', 'The course it builds on was discontinued', 'Merged into a larger programme'])[1 + floor(r_wd * 4)::int] end,
       1 + 2 * nversions + case when status = 'WITHDRAWN' then 1 else 0 end,
       created_at, coalesce(withdrawn_at, v2_published_at, first_published_at, created_at + interval '2 hours')
  from gp;

-- one row per version
create temp table gv on commit drop as
select gp.*, v.number, gen_random_uuid()::text as vid,
       case when v.number = 1 then first_published_at else v2_published_at end as published_at,
       case when v.number = 1 then created_at else first_published_at + interval '20 days' end as v_created_at
  from gp cross join lateral generate_series(1, gp.nversions) as v(number);

insert into programme_version (id, programme_id, number, course_code, title_nl, title_en, description_nl, description_en, learning_outcomes,
        ects, study_hours, nlqf_level, eqf_level, level_verified, assessment_type, assessment_supervised, identity_verified,
        qa_name, qa_url, qa_description, prerequisites, grade_recorded, stackable_towards, isced_field, badge_class_url,
        microcredential_since, experimental, published_at, version, created_at, updated_at)
select g.vid, g.id, g.number,
       g.prefix || '-MC' || lpad(g.n::text, 5, '0'),
       case when g.langs <> 'en' then (array['Basis van ', '', 'Gevorderde ', '', 'Inleiding in ', 'Toegepaste ', '', ''])[1 + floor(g.r_words * 8)::int]
            || case when floor(g.r_words * 8)::int in (0, 2, 4, 5) then lower(t.nl) else t.nl end
            || (array['', ' in de praktijk', '', ' voor professionals', '', '', ': strategie en innovatie', ' en samenleving'])[1 + floor(g.r_words * 8)::int]
            || case when g.number = 2 then ' (herzien)' else '' end end,
       case when g.langs <> 'nl' then (array['Foundations of ', '', 'Advanced ', '', 'Introduction to ', 'Applied ', '', ''])[1 + floor(g.r_words * 8)::int]
            || t.en
            || (array['', ' in Practice', '', ' for Professionals', '', '', ': Strategy and Innovation', ' and Society'])[1 + floor(g.r_words * 8)::int]
            || case when g.number = 2 then ' (revised)' else '' end end,
       case when g.langs <> 'en' then
            'Deze microcredential laat professionals kennismaken met ' || lower(t.nl) || '. Deelnemers leren '
            || (array['datastromen','de behoeften van belanghebbenden','businesscases','zorgprocessen','technische systemen','beleidsopties','leeractiviteiten','experimenten'])[1 + floor(g.r_lo * 8)::int]
            || ' te ' || (array['analyseren','ontwerpen','evalueren','implementeren','modelleren','plannen','beoordelen','communiceren'])[1 + floor(g.r_since * 8)::int]
            || ' voor ' || (array['regionale bedrijven','ziekenhuizen','gemeenten','scholen','internationale teams','start-ups','laboratoria','overheidsorganisaties'])[1 + floor(g.r_part2 * 8)::int]
            || ', en verbinden dat met ' || lower(t2.nl) || '. De opdrachten komen uit de beroepspraktijk'
            || case when g.number = 2 then '; deze herziene versie voegt een afsluitend project toe.' else '.' end end,
       case when g.langs <> 'nl' then
            'This micro-credential introduces working professionals to ' || lower(t.en) || '. Participants learn to '
            || (array['analyse','design','evaluate','implement','model','plan','assess','communicate'])[1 + floor(g.r_since * 8)::int] || ' '
            || (array['data pipelines','stakeholder needs','business cases','care processes','technical systems','policy options','learning activities','experiments'])[1 + floor(g.r_lo * 8)::int]
            || ' for ' || (array['regional companies','hospitals','municipalities','schools','international teams','start-ups','laboratories','public agencies'])[1 + floor(g.r_part2 * 8)::int]
            || ', and relate them to ' || lower(t2.en) || '. Assignments come from professional practice'
            || case when g.number = 2 then '; this revised version adds a capstone project.' else '.' end end,
       -- learning outcomes: a JSON array of 3..5 strings, in Dutch for Dutch-only programmes
       array_to_json((case when g.langs = 'nl' then array[
            'De deelnemer kan de principes van ' || lower(t.nl) || ' uitleggen',
            'De deelnemer past methoden uit ' || lower(t.nl) || ' toe op een realistische casus',
            'De deelnemer beoordeelt opties op het gebied van ' || lower(t2.nl) || ' samen met belanghebbenden',
            'De deelnemer reflecteert op ethische en juridische aspecten van ' || lower(t.nl),
            'De deelnemer communiceert resultaten aan een professioneel publiek']
          else array[
            'Explain the principles of ' || lower(t.en),
            'Apply methods of ' || lower(t.en) || ' to a realistic case',
            'Evaluate options in ' || lower(t2.en) || ' with stakeholders',
            'Reflect on the ethical and legal aspects of ' || lower(t.en),
            'Communicate results to a professional audience'] end)[1:3 + floor(g.r_lo * 3)::int])::text,
       g.ects, round(g.ects * 28)::int, g.nlqf, case when g.nlqf = '4+' then 4 else g.nlqf::int end,
       g.r_level < 0.8, g.assessment, g.r_assess < 0.7, g.r_assess < 0.75,
       'Kwaliteitskader Microcredentials voor Professionals HBO en WO', 'https://www.npuls.nl/microcredentials',
       null, case when g.r_wd < 0.3 then 'A bachelor degree or equivalent work experience' end, g.r_assess < 0.4,
       case when g.r_wd > 0.8 then 'Electives of the bachelor programmes of ' || g.inst_code end,
       (array['0613','0541','0711','0732','0912','0413','0311','0222','0532','0714','0923','1022','0411','0421','0811','1015'])[1 + floor(g.r_topic * 16)::int],
       'https://bench.edubadges.invalid/public/badgeclass/' || g.id || '/' || g.number,
       greatest(date '2023-01-01', (coalesce(g.first_published_at, g.created_at) - floor(g.r_since * 120) * interval '1 day')::date),
       false, g.published_at, case when g.published_at is null then 3 else 4 end,
       g.v_created_at, coalesce(g.published_at, g.v_created_at + interval '1 hour')
  from gv g join topic t on t.t = g.topic join topic t2 on t2.t = g.topic2;

-- the newest published version, kept with the programme (V17), as the application keeps it
update programme p set published_version = (select max(v.number) from programme_version v
                                            where v.programme_id = p.id and v.published_at is not null)
 where p.published_version is null;

insert into programme_version_language (version_id, position, language)
select vid, 0, case when langs = 'en' then 'en' else 'nl' end from gv
union all
select vid, 1, 'en' from gv where langs = 'nl+en';

insert into programme_version_participation (version_id, position, participation)
select vid, 0, part1 from gv
union all
select vid, 1, part2 from gv where part2 is not null;

-- ---------------------------------------------------------------------------------------------------------------
\echo == agreements
create temp table ga on commit drop as
with raw as (
  select n, random() as r_kind, random() as r_status, random() as r_v, random() as r_a, random() as r_b, random() as r_eff,
         random() as r_from, random() as r_scope, random() as r_k, gen_random_uuid()::text as id
    from generate_series(1, :agreements) as n
), typed as (
  select r.*, case when n % 20 = 0 then 'MULTILATERAL' else 'BILATERAL' end as kind,
         case when r_status < 0.55 then 'ACTIVE' when r_status < 0.70 then 'PROPOSED' when r_status < 0.85 then 'DRAFT' else 'TERMINATED' end as status,
         date '2023-02-01' + floor(r_from * (current_date - 60 - date '2023-02-01'))::int as valid_from
    from raw r
), dated as (
  select t.*, (t.valid_from - 25 + time '10:00') at time zone 'Europe/Amsterdam' as created_at_base from typed t
)
select t.*, p.parties,
       -- a quarter of the active/terminated ones were revised (a second version, approved again) at least 10 days ago
       case when t.status in ('ACTIVE', 'TERMINATED') and t.r_v < 0.25 and t.created_at_base + interval '300 days' < now() - interval '10 days'
            then 2 else 1 end as nversions,
       (array['IN_PRINCIPLE','ADMISSION','ELECTIVE_CREDITS','COURSE_EXEMPTION'])[1 + floor(t.r_eff * 4)::int] as effect
  from dated t
  cross join lateral (
    select array_agg(code order by code) as parties from (
      select i.code from inst i
       where t.kind = 'MULTILATERAL' or i.idx in (floor(t.r_a * 34)::int, (floor(t.r_a * 34)::int + 1 + floor(t.r_b * 33)::int) % 34)
       order by md5(i.code || t.n)
       limit case when t.kind = 'MULTILATERAL' then 3 + floor(t.r_k * 10)::int else 2 end) s) p;

-- the versions: a second one changes the terms text and the validity, so it has its own hash
create temp table gav on commit drop as
select a.*, v.number, gen_random_uuid()::text as vid,
       a.valid_from + (v.number - 1) * 300 as v_from,
       case when a.r_scope < 0.3 then a.valid_from + (v.number - 1) * 300 + 3 * 365 - 1 end as v_until,
       case when a.r_scope > 0.8 then a.parties[1] end as scope_issuer,
       case when a.r_scope > 0.8 then 3.0 end::numeric(4, 1) as min_ects,
       case when a.r_scope > 0.9 then 15.0 end::numeric(4, 1) as max_ects,
       case when a.r_scope > 0.85 then '5' end as min_nlqf,
       (case when a.kind = 'MULTILATERAL' then 'The parties recognise each other''s registered micro-credentials '
             else 'Both institutions accept each other''s registered micro-credentials ' end)
       || (case a.effect when 'IN_PRINCIPLE' then 'in principle, as evidence in admission and exemption procedures'
                         when 'ADMISSION' then 'towards admission to their pre-master and master programmes'
                         when 'ELECTIVE_CREDITS' then 'as elective credits in their bachelor programmes'
                         else 'as evidence for exemption from matching courses' end)
       || '; each request is decided by the receiving Board of Examiners.'
       || case when v.number = 2 then ' Revised: appeals follow the receiving institution''s regulations.' else '' end
       || ' (benchmark agreement ' || a.n || ')' as terms,
       a.created_at_base + (v.number - 1) * interval '300 days' as v_created_at,
       least(now() - interval '1 day', a.created_at_base + (a.nversions - 1) * interval '300 days' + interval '200 days') as terminated_at
  from ga a cross join lateral generate_series(1, a.nversions) as v(number);

-- canonical terms as the application writes them (RFC 8785: sorted keys, no blanks) and their SHA-256
create temp table gav2 on commit drop as
select g.*, c.canonical, encode(sha256(convert_to(c.canonical, 'UTF8')), 'hex') as hash
  from gav g cross join lateral (
    select '{"effect":"' || g.effect || '","kind":"' || g.kind || '","parties":["' || array_to_string(g.parties, '","') || '"],'
           || '"scope":{' || case when g.scope_issuer is null then '"issuers":[]'
                                  else '"issuers":["' || g.scope_issuer || '"]'
                                       || coalesce(',"maxEcts":' || trim_scale(g.max_ects)::text, '')
                                       || coalesce(',"minEcts":' || trim_scale(g.min_ects)::text, '')
                                       || coalesce(',"minNlqfLevel":"' || g.min_nlqf || '"', '') end || '},'
           || '"terms":"' || replace(g.terms, '"', '\"') || '","validFrom":"' || g.v_from || '"'
           || coalesce(',"validUntil":"' || g.v_until || '"', '') || '}' as canonical) c;

insert into agreement (id, title, consortium_wide, status, current_version, active_version, valid_until, ever_approved, created_by,
        created_by_institution, terminated_on, termination_reason, version, created_at, updated_at)
select v.id,
       case when v.kind = 'MULTILATERAL' then 'Regional recognition of micro-credentials ' || v.n || ' (' || array_length(v.parties, 1) || ' members)'
            else 'Recognition ' || v.parties[1] || ' - ' || v.parties[2] || ' (' || lower(replace(v.effect, '_', ' ')) || ')' end,
       false, v.status, v.nversions,
       case when v.status in ('ACTIVE', 'TERMINATED') then v.nversions end,
       v.v_until, v.status in ('ACTIVE', 'TERMINATED'), 'admin of ' || v.parties[1], v.parties[1],
       case when v.status = 'TERMINATED' then (v.terminated_at at time zone 'Europe/Amsterdam')::date end,
       case when v.status = 'TERMINATED' then 'The partner programmes were discontinued' end,
       2 + 2 * v.nversions + (v.status = 'TERMINATED')::int, v.created_at_base,
       case when v.status = 'TERMINATED' then v.terminated_at else v.v_created_at + interval '2 days' end
  from gav2 v where v.number = v.nversions;

insert into agreement_version (id, agreement_id, number, kind, effect, terms, valid_from, valid_until, min_nlqf_level, max_nlqf_level,
        min_ects, max_ects, terms_hash, canonical_terms, created_by, activated_at, created_at)
select vid, id, number, kind, effect, terms, v_from, v_until, min_nlqf, null, min_ects, max_ects, hash, canonical,
       'admin of ' || parties[1],
       case when status in ('ACTIVE', 'TERMINATED') then v_created_at + interval '2 days' end, v_created_at
  from gav2;

insert into agreement_party (version_id, institution_code)
select vid, unnest(parties) from gav2;

insert into agreement_scope_issuer (version_id, institution_code)
select vid, scope_issuer from gav2 where scope_issuer is not null;

-- approvals: every party approved every version of an active or terminated agreement; the proposer its proposal
insert into agreement_approval (id, agreement_id, version_number, institution_code, terms_hash, approved_by, approved_at)
select gen_random_uuid()::text, v.id, v.number, p.code, v.hash, 'admin of ' || p.code,
       v.v_created_at + interval '1 day' + p.o * interval '1 minute'
  from gav2 v cross join lateral unnest(v.parties) with ordinality as p(code, o)
 where v.status in ('ACTIVE', 'TERMINATED') or (v.status = 'PROPOSED' and p.o = 1);

insert into agreement_event (id, agreement_id, occurred_at, action, actor, actor_institution, from_status, to_status, version_number, terms_hash, detail)
select gen_random_uuid()::text, v.id, e.at, e.action, e.actor, e.actor_inst, e.from_s, e.to_s, v.number, v.hash, e.detail
  from gav2 v cross join lateral (values
    (v.number = 1, v.v_created_at, 'CREATED', 'admin of ' || v.parties[1], v.parties[1], null, 'DRAFT', null::text),
    (v.number = 2, v.v_created_at, 'NEW_VERSION', 'admin of ' || v.parties[1], v.parties[1], 'ACTIVE', 'ACTIVE', 'the terms changed'),
    (v.number = 1 and v.status <> 'DRAFT', v.v_created_at + interval '2 hours', 'PROPOSED', 'admin of ' || v.parties[1], v.parties[1], 'DRAFT', 'PROPOSED', null),
    (v.status in ('ACTIVE', 'TERMINATED'), v.v_created_at + interval '2 days', 'ACTIVATED', 'admin of ' || v.parties[array_length(v.parties, 1)],
        v.parties[array_length(v.parties, 1)], case when v.number = 1 then 'PROPOSED' else 'ACTIVE' end, 'ACTIVE', 'every party approved ' || v.hash),
    (v.status = 'TERMINATED' and v.number = v.nversions, v.terminated_at, 'TERMINATED', 'admin of ' || v.parties[1], v.parties[1],
        'ACTIVE', 'TERMINATED', 'effective ' || (v.terminated_at at time zone 'Europe/Amsterdam')::date || ': The partner programmes were discontinued')
  ) as e(applies, at, action, actor, actor_inst, from_s, to_s, detail)
 where e.applies
union all
select gen_random_uuid()::text, v.id, v.v_created_at + interval '1 day' + p.o * interval '1 minute', 'APPROVED', 'admin of ' || p.code, p.code,
       case when v.number = 1 then 'PROPOSED' else 'ACTIVE' end, case when v.number = 1 then 'PROPOSED' else 'ACTIVE' end, v.number, v.hash, null
  from gav2 v cross join lateral unnest(v.parties) with ordinality as p(code, o)
 where v.status in ('ACTIVE', 'TERMINATED') or (v.status = 'PROPOSED' and p.o = 1);

-- ---------------------------------------------------------------------------------------------------------------
\echo == exemption requests: the plan
-- programmes that can be evidence: published at some time, in order of first publication
create temp table pool on commit drop as
select (row_number() over (order by p.first_published_at, p.id))::int as rn, p.id, p.first_published_at::date as pub_day,
       (p.withdrawn_at at time zone 'Europe/Amsterdam')::date as wd_day, i.code as issuer, gi.idx as issuer_idx,
       p.latest_version,
       (select min(v.published_at)::date from programme_version v where v.programme_id = p.id and v.number = 2) as v2_day
  from programme p join institution i on i.id = p.institution_id join inst gi on gi.id = i.id
 where p.first_published_at is not null;
create unique index on pool (rn);

-- for each day: how many programmes had been published at least a week before
create temp table daypool on commit drop as
select d::date as day, (select count(*) from pool where pub_day <= d::date - 7)::int as k
  from generate_series((select min(pub_day) + 8 from pool), current_date, interval '1 day') as d;
create unique index on daypool (day);

create temp table req on commit drop as
with raw as (
  select n, random() as r_day, random() as r_prog, random() as r_inst, random() as r_board, random() as r_d, random() as r_wd,
         random() as r_info, random() as r_infoday, random() as r_susp, random() as r_rv, random() as r_ext, random() as r_out,
         random() as r_appeal, random() as r_course, random() as r_award, random() as r_name
    from generate_series(1, :requests) as n
), dated as (
  -- received: growing with the pilot (the density rises linearly) from the first possible day up to today
  select r.*, dp.day as received, dp.k
    from raw r
    join daypool dp on dp.day = (select min(day) from daypool) + floor(sqrt(r.r_day) * (select count(*) from daypool))::int
), chosen as (
  -- the evidence: a programme published at least a week before receipt; the receiving institution: any other member
  select d.*, p.id as programme_id, p.issuer, p.pub_day, p.wd_day, p.v2_day,
         (p.issuer_idx + 1 + floor(d.r_inst * 33)::int) % 34 as inst_idx
    from dated d join pool p on p.rn = 1 + floor(d.r_prog * d.k)::int
), timed as (
  select c.*, b.id as board_id, b.name as board_name, b.term, b.course_prefix, i.id as inst_id, i.code as inst_code, i.prefix as inst_prefix,
         current_date - c.received as age,
         5 + floor(115 * power(c.r_d, 1.6))::int as d,        -- days from receipt to the decision: 5..120, median ~43
         c.r_info < 0.12 as info, c.r_ext < 0.06 as ext, c.r_wd < 0.03 as wd
    from chosen c join inst i on i.idx = c.inst_idx
    join brd b on b.inst_idx = c.inst_idx and b.bidx = floor(c.r_board * b.nboards)::int
), steps as (
  -- information requested on day info_day (2 .. d/2) and received back susp days later (before the decision)
  select t.*, case when t.info then 2 + floor(t.r_infoday * ((t.d - 4) / 2 + 1))::int end as info_day
    from timed t
), steps2 as (
  select s.*,
         case when s.info then least(30, 1 + floor(s.r_susp * (s.d - s.info_day - 1))::int) end as susp,
         least(1 + floor(s.r_rv * 4)::int, case when s.info then s.info_day - 1 else s.d - 1 end) as rv,   -- review starts on day rv
         case when s.ext then least(1 + floor(s.r_rv * 4)::int + 7, s.d - 1) end as ext_day
    from steps s
), fates as (
  select s.*,
         s.wd and s.age >= 1 as withdrawn,
         case when s.wd and s.age >= 1 then 1 + floor(s.r_out * least(s.age, s.d - 1))::int end as wd_day_n,
         s.d <= s.age and not (s.wd and s.age >= 1) as decided
    from steps2 s
), outcomes as (
  select f.*,
         case when f.decided then case when f.r_out < 0.62 then 'GRANTED' when f.r_out < 0.77 then 'PARTIALLY_GRANTED' else 'REJECTED' end end as outcome,
         -- awarded between the programme's publication and a week before receipt (and before any withdrawal of the programme)
         f.pub_day + floor(f.r_award * (least(f.received - 7, coalesce(f.wd_day - 1, f.received - 7)) - f.pub_day + 1))::int as awarded_on,
         (array[3, 4, 5, 5, 5, 6, 7.5, 10, 15, 2.5]::numeric[])[1 + floor(f.r_course * 10)::int]::numeric(4, 1) as course_ects,
         1000 + floor(f.r_course * 9000)::int as course_no,
         (f.n % 420) * interval '1 minute' as minute
    from fates f
), appeals as (
  -- a tenth of the rejections and partial grants are appealed within 6 weeks; the appeal is decided 60 days later
  select o.*,
         case when o.outcome in ('REJECTED', 'PARTIALLY_GRANTED') and o.r_appeal < 0.10 and o.d + 5 + floor(o.r_appeal * 370)::int <= o.age
              then o.d + 5 + floor(o.r_appeal * 370)::int end as appeal_day
    from outcomes o
), history as (
  -- the parts of the history that happened (up to today, and before a withdrawal)
  select a.*,
         case when a.appeal_day is not null and a.appeal_day + 60 <= a.age then case when a.r_name < 0.75 then 'UPHELD' else 'OVERTURNED' end end as appeal_result,
         a.info and a.info_day <= a.age and (not a.withdrawn or a.info_day < a.wd_day_n) as info_asked,
         a.info and a.info_day + a.susp <= a.age and (not a.withdrawn or a.info_day + a.susp < a.wd_day_n) as info_back,
         a.ext and a.ext_day <= a.age and (not a.withdrawn or a.ext_day < a.wd_day_n) as extended,
         a.rv <= a.age and (not a.withdrawn or a.rv < a.wd_day_n) as reviewed
    from appeals a
), statuses as (
  select h.*,
         case when h.withdrawn then 'WITHDRAWN'
              when h.appeal_result is not null then h.appeal_result
              when h.appeal_day is not null then 'APPEALED'
              when h.decided then 'DECIDED'
              when h.info_asked and not h.info_back then 'INFORMATION_REQUESTED'
              when h.reviewed then 'IN_REVIEW'
              else 'SUBMITTED' end as status,
         case when h.info_asked and h.ext_day > h.info_day and (not h.info_back or h.ext_day <= h.info_day + h.susp)
              then 'INFORMATION_REQUESTED' else 'IN_REVIEW' end as ext_status
    from history h
)
select s.*, gen_random_uuid()::text as id,
       coalesce(c.last_number, 0) + row_number() over (partition by s.inst_id, extract(year from s.received) order by s.received, s.n) as ref_number
  from statuses s
  left join exemption_reference_counter c on c.institution_id = s.inst_id and c.ref_year = extract(year from s.received)::int;

\echo == exemption requests: bulk load (the keys, indexes and foreign keys of the two tables are set aside and restored below)
-- The PostgreSQL manual's recipe for a bulk load ("Populating a Database"): building an index once and checking a
-- constraint with one pass is much faster than maintaining them row by row (3.3 million random uuid keys). The
-- definitions are read from the catalogue, so this follows whatever the migrations define; everything is restored,
-- and so every primary key, unique constraint and foreign key is checked again over all rows, in this same transaction.
-- NOT NULL and CHECK constraints and the append-only trigger stay in place throughout.
create temp table bulk_ddl on commit drop as
select c.conrelid::regclass::text as tbl, c.conname as name,
       'alter table ' || c.conrelid::regclass::text || ' add constraint ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid) as restore,
       case c.contype when 'f' then 'fk' else 'key' end as kind
  from pg_constraint c
 where (c.contype in ('p', 'u') and c.conrelid in ('exemption_request'::regclass, 'exemption_event'::regclass))
    or (c.contype = 'f' and (c.conrelid in ('exemption_request'::regclass, 'exemption_event'::regclass)
                             or c.confrelid in ('exemption_request'::regclass, 'exemption_event'::regclass)))
union all
select x.indrelid::regclass::text, ic.relname, pg_get_indexdef(x.indexrelid), 'index'
  from pg_index x join pg_class ic on ic.oid = x.indexrelid
 where x.indrelid in ('exemption_request'::regclass, 'exemption_event'::regclass)
   and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid and c.contype in ('p', 'u', 'x'));
select kind, tbl, name from bulk_ddl order by kind, tbl, name;
select format('alter table %s drop constraint %I', tbl, name) from bulk_ddl where kind = 'fk' \gexec
select format('alter table %s drop constraint %I', tbl, name) from bulk_ddl where kind = 'key' \gexec
select format('drop index %I', name) from bulk_ddl where kind = 'index' \gexec

\echo == exemption requests: insert
insert into exemption_request (id, institution_id, board_id, reference, idempotency_key, learner_name, learner_email, learner_student_number,
        programme_id, programme_version, issuer_code, awarded_on, evidence_url, target_course_code, target_course_title, target_course_ects,
        target_programme, motivation, warnings, status, received_on, term_days, extension_days, extension_reason, suspended_days,
        information_requested_on, decision_due, outcome, ects_granted, decision_motivation, decided_on, decided_by, appeal_filed_on,
        version, created_at, updated_at)
select r.id, r.inst_id, r.board_id, x.reference, null,
       fn.f || ' ' || ln.l,
       lower(replace(fn.f || '.' || ln.l, ' ', '')) || r.n || '@student.invalid',
       's' || (3000000 + r.n),
       r.programme_id, case when r.v2_day is not null and r.v2_day <= r.awarded_on then 2 else 1 end, r.issuer, r.awarded_on,
       'https://bench.edubadges.invalid/public/assertions/' || lower(x.reference),
       r.course_prefix || r.course_no,
       (array['Research Methods','Data Analysis','Project Management','Professional Ethics','Sustainable Design','Programming 1',
              'Statistics','Marketing Fundamentals','Health Policy','Software Engineering','Organisational Behaviour','Public Law',
              'Energy Systems','Academic Writing','Machine Learning','Supply Chain Logistics'])[1 + floor(r.r_name * 16)::int],
       r.course_ects,
       case when r.r_award < 0.4 then (array['Bachelor Business Administration','Bachelor Computer Science','Master Public Health',
              'Bachelor Civil Engineering','Pre-master Education','Bachelor Nursing'])[1 + floor(r.r_award * 15)::int] end,
       'I completed this micro-credential; its learning outcomes match those of the course.',
       null,
       r.status, r.received, r.term,
       case when r.extended then 28 else 0 end,
       case when r.extended then 'An expert opinion is needed (Awb 4:14)' end,
       case when r.info_back then r.susp else 0 end,
       case when r.status = 'INFORMATION_REQUESTED' then r.received + r.info_day end,
       r.received + r.term + case when r.extended then 28 else 0 end + case when r.info_back then r.susp else 0 end,
       r.outcome,
       case r.outcome when 'GRANTED' then r.course_ects when 'PARTIALLY_GRANTED' then floor(r.course_ects) / 2 when 'REJECTED' then 0 end,
       case r.outcome when 'GRANTED' then 'The learning outcomes of the micro-credential cover those of the course at the same level.'
                      when 'PARTIALLY_GRANTED' then 'The micro-credential covers the theory but not the practical assignment; the assignment remains.'
                      when 'REJECTED' then 'The micro-credential is at a lower level than the course and does not cover its learning outcomes.' end,
       case when r.decided then r.received + r.d end,
       case when r.decided then r.board_name end,
       case when r.appeal_day is not null then r.received + r.appeal_day end,
       1 + r.reviewed::int + r.info_asked::int + r.info_back::int + r.extended::int + r.decided::int + r.withdrawn::int
         + (r.appeal_day is not null)::int + (r.appeal_result is not null)::int,
       (r.received + time '09:00') at time zone 'Europe/Amsterdam' + r.minute,
       (r.received + greatest(case when r.appeal_result is not null then r.appeal_day + 60 else 0 end, coalesce(r.appeal_day, 0),
                              case when r.decided then r.d else 0 end, coalesce(r.wd_day_n, 0), case when r.reviewed then r.rv else 0 end,
                              case when r.info_back then r.info_day + r.susp when r.info_asked then r.info_day else 0 end,
                              case when r.extended then r.ext_day else 0 end)
         + time '18:00') at time zone 'Europe/Amsterdam' + r.minute
  from req r
  cross join lateral (select r.inst_prefix || '-' || extract(year from r.received)::int || '-' || lpad(r.ref_number::text, 6, '0') as reference) x
  cross join lateral (select (array['Sanne','Daan','Emma','Lucas','Julia','Milan','Tess','Noah','Sophie','Finn','Lotte','Sem','Zoë','Levi',
                                    'Eva','Thijs','Anna','Jesse','Fleur','Bram','Isa','Ruben','Mila','Stijn','Fatima','Mohammed','Yara','Amir'])[1 + (r.n * 7 % 28)] as f) fn
  cross join lateral (select (array['Visser','Mulder','de Groot','Bos','Vos','Peters','Hendriks','van Dijk','Smit','Meijer','de Wit','Dekker',
                                    'Jansen','Kok','Bakker','Koster','van Leeuwen','Kuipers','Willems','Schouten','van den Berg','Maas',
                                    'Verbeek','Post','El Amrani','Yilmaz','Tran','de Vries','Janssen','Boer','Kaya'])[1 + (r.n * 13 % 31)] as l) ln
 order by r.received, r.n;   -- the physical order of a registry that recorded them day by day

-- the reference counters move past the generated references
insert into exemption_reference_counter (institution_id, ref_year, last_number)
select inst_id, extract(year from received)::int, max(ref_number) from req group by 1, 2
on conflict (institution_id, ref_year) do update set last_number = greatest(exemption_reference_counter.last_number, excluded.last_number);

\echo == exemption requests: history
-- one event per transition that happened: RECORDED, REVIEW, EXTEND, REQUEST_INFORMATION, INFORMATION_RECEIVED,
-- WITHDRAW, DECISION, APPEAL, APPEAL_OUTCOME (same-day events an hour apart, in this order)
insert into exemption_event (id, request_id, occurred_at, action, actor, actor_role, from_status, to_status, reason)
select gen_random_uuid()::text, r.id,
       (r.received + e.day + time '09:00') at time zone 'Europe/Amsterdam' + r.minute + e.seq * interval '1 hour',
       e.action, e.actor, e.role, e.from_s, e.to_s, e.reason
  from req r cross join lateral (values
    (true, 0, 0, 'RECORDED', 'admin of ' || r.inst_code, 'institution-admin', null, 'SUBMITTED', 'routed to ' || r.board_name),
    (r.reviewed, r.rv, 1, 'REVIEW', r.board_name, 'board-member', 'SUBMITTED', 'IN_REVIEW', null),
    (r.extended, r.ext_day, 2, 'EXTEND', r.board_name, 'board-member', r.ext_status, r.ext_status, 'An expert opinion is needed (Awb 4:14)'),
    (r.info_asked, r.info_day, 3, 'REQUEST_INFORMATION', r.board_name, 'board-member', 'IN_REVIEW', 'INFORMATION_REQUESTED',
        'Please send the assessment criteria of the micro-credential.'),
    (r.info_back, r.info_day + r.susp, 4, 'INFORMATION_RECEIVED', r.board_name, 'board-member', 'INFORMATION_REQUESTED', 'IN_REVIEW', null),
    (r.withdrawn, r.wd_day_n, 5, 'WITHDRAW', 'admin of ' || r.inst_code, 'institution-admin',
        case when r.info_asked and not r.info_back then 'INFORMATION_REQUESTED' when r.reviewed then 'IN_REVIEW' else 'SUBMITTED' end,
        'WITHDRAWN', 'withdrawn by the learner'),
    (r.decided, r.d, 6, 'DECISION', r.board_name, 'board-member', 'IN_REVIEW', 'DECIDED', r.outcome),
    (r.appeal_day is not null, r.appeal_day, 7, 'APPEAL', 'admin of ' || r.inst_code, 'institution-admin', 'DECIDED', 'APPEALED',
        'filed on ' || (r.received + r.appeal_day)),
    (r.appeal_result is not null, r.appeal_day + 60, 8, 'APPEAL_OUTCOME', 'admin of ' || r.inst_code, 'institution-admin', 'APPEALED',
        r.appeal_result, r.appeal_result)
  ) as e(applies, day, seq, action, actor, role, from_s, to_s, reason)
 where e.applies;

\echo == exemption requests: restore the indexes and foreign keys
select restore from bulk_ddl where kind = 'key' order by tbl, name \gexec
select restore from bulk_ddl where kind = 'index' order by tbl, name \gexec
select restore from bulk_ddl where kind = 'fk' order by tbl, name \gexec

commit;

\echo == vacuum and analyze
-- VACUUM sets the hint bits and the visibility map of the new rows now (index-only scans, no first-read writes), so
-- that autovacuum does not do it in the middle of a measurement; ANALYZE gives the planner the new statistics.
vacuum (analyze) institution, board, board_course_prefix, programme, programme_version, programme_version_language, programme_version_participation,
        agreement, agreement_version, agreement_party, agreement_scope_issuer, agreement_approval, agreement_event,
        exemption_request, exemption_reference_counter, exemption_event;

\echo == what is there now
select 'programmes' as what, count(*) as n from programme
union all select 'programme versions', count(*) from programme_version
union all select 'agreements', count(*) from agreement
union all select 'exemption requests', count(*) from exemption_request
union all select 'exemption events', count(*) from exemption_event;
