-- Sign-in through the institutions' OpenID Connect provider (issue 19).
-- An account may now come from the provider: it has no password (a local login cannot use it) and is found by the
-- provider's issuer and subject; role, scope, name and e-mail are refreshed from the provider's claims at each sign-in.
alter table account alter column password_hash drop not null;
alter table account add column oidc_issuer varchar(500);
alter table account add column oidc_subject varchar(255);
alter table account add constraint account_oidc_unique unique (oidc_issuer, oidc_subject);
alter table account add constraint account_oidc_both check ((oidc_issuer is null) = (oidc_subject is null));

-- Authorization codes that were presented at the callback: a code is exchanged once, whichever instance sees it
-- (the provider should refuse a second exchange too; this does not rely on it). Rows older than a day are deleted.
create table oidc_used_code (
    code_hash  varchar(64) primary key,
    used_at    timestamp with time zone not null
);
