-- Issue 14: the key set (a JWKS URL) with which a member institution signs its Open Badges 3.0 credentials (VC-JWT).
-- POST /api/verify checks a credential's signature, iss, nbf and exp against it. Optional; set by the coordinator or by
-- the institution's own admin.
alter table institution add column credential_keys_url varchar(500);
