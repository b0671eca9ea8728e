-- The registry's generated token key pair, shared by every instance of a cluster (issue 16). The first instance to
-- need it generates it (platform/security/DatabaseKeys, plain JDBC, because MicroProfile JWT reads its key while the
-- application deploys, possibly before this migration ran); both create the table under the same advisory lock.
-- protection: 'none' (PKCS#8 PEM) or 'aes-256-gcm:pbkdf2-sha256:210000' (encrypted with REGISTRY_KEYS_SECRET).
select pg_advisory_xact_lock(32199642202863987);
create table if not exists registry_token_key (
    id varchar(16) primary key,
    public_pem text not null,
    private_key text not null,
    protection varchar(64) not null,
    created_at timestamp with time zone not null
);
