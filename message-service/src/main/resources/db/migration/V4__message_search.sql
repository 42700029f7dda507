-- Message search (contract §6): word matching, case- and accent-insensitive. parley_search is PostgreSQL's
-- `simple` configuration (lower-cased words, no stemming, no stop words: the same for every language)
-- with accents removed first. A configuration given by name makes to_tsvector immutable, so it can be
-- indexed; unaccent is a trusted extension, so the database's owner may create it.
create extension if not exists unaccent;

create text search configuration parley_search (copy = simple);
alter text search configuration parley_search
    alter mapping for hword, hword_part, word with unaccent, simple;

-- Deleted messages never match; the index leaves them out.
create index messages_search_idx on messages using gin (to_tsvector('parley_search', body)) where not deleted;
