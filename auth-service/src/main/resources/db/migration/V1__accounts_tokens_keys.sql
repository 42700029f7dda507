create table accounts (
    id            uuid primary key,
    username      varchar(32)  not null,
    display_name  varchar(100) not null,
    password_hash varchar(100) not null,
    created_at    timestamptz  not null
);
-- usernames are unique case-insensitively
create unique index accounts_username_lower on accounts (lower(username));
create index accounts_username_prefix on accounts (lower(username) text_pattern_ops);

create table refresh_tokens (
    id          uuid primary key,
    family_id   uuid        not null,
    account_id  uuid        not null references accounts (id) on delete cascade,
    token_hash  varchar(64) not null unique,
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    spent_at    timestamptz,
    revoked_at  timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);

create table signing_keys (
    kid         varchar(64) primary key,
    private_key bytea       not null,
    public_key  bytea       not null,
    created_at  timestamptz not null,
    retired_at  timestamptz
);
