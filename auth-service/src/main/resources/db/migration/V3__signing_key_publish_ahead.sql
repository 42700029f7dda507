-- A new key is published (in the JWKS) before it signs: it signs from signs_from on (ADR 0014).
-- Keys from before signed from their creation. The default keeps rows inserted by instances still
-- running the previous version (during a rolling upgrade) signing from their creation, as before.
alter table signing_keys add column signs_from timestamptz;
update signing_keys set signs_from = created_at;
alter table signing_keys alter column signs_from set not null;
alter table signing_keys alter column signs_from set default now();
