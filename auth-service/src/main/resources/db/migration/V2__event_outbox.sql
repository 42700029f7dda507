-- UserRegistered / UserUpdated leave through the transactional outbox (ADR 0004), published iff the
-- account change commits.
create table event_outbox (
    id         bigint generated always as identity primary key,
    topic      text        not null,
    record_key text        not null,
    event_type text        not null,
    event_id   uuid        not null unique,
    payload    bytea       not null,
    created_at timestamptz not null default now()
);
