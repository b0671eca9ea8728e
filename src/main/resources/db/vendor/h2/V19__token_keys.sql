-- The table of the cluster's token keys (see db/vendor/postgresql). The embedded database serves one instance, which
-- keeps its generated keys in its data directory; the table stays empty here.
create table registry_token_key (
    id varchar(16) primary key,
    public_pem text not null,
    private_key text not null,
    protection varchar(64) not null,
    created_at timestamp with time zone not null
);
