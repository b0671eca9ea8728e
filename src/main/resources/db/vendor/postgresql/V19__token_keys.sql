-- The registry's generated token key pair, shared by every instance of a cluster (issue 16), written by the first
-- instance that needs it (platform/security/DatabaseKeys, under an advisory lock). protection: 'none' (PKCS#8 PEM) or
-- 'aes-256-gcm:pbkdf2-sha256:210000' (encrypted with REGISTRY_KEYS_SECRET).
create table registry_token_key (
    id varchar(16) primary key,
    public_pem text not null,
    private_key text not null,
    protection varchar(64) not null,
    created_at timestamp with time zone not null
);
