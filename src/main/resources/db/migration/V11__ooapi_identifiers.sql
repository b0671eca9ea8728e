-- Issue 13: the identifiers the Open Education API (OOAPI) v5 consumers need of a member institution.
-- educationOffererCode: RIO's onderwijsaanbiedercode (three digits, A, three digits), required by RIO of every course;
-- schacHome: the institution's SCHAC home organisation (its domain in SURFconext and eduID, e.g. tudelft.nl).
-- Both optional and unknown until the coordinator or the institution records them: none is invented here.
alter table institution add column education_offerer_code varchar(7);
alter table institution add column schac_home varchar(253);
