-- Expired refresh tokens are purged in batches (RefreshTokenPurge): each batch finds its rows through this index
-- instead of scanning the whole table. A plain build blocks inserts into refresh_tokens (logins, refreshes) while it
-- runs, a few seconds for millions of rows; Flyway cannot build it concurrently under its default transactional lock.
-- Where the table is large, build it beforehand by hand, without blocking anyone, and this step finds it there:
--   create index concurrently refresh_tokens_expires_at on refresh_tokens (expires_at);
-- (a concurrent build that failed leaves an invalid index of that name: drop it and build again).
create index if not exists refresh_tokens_expires_at on refresh_tokens (expires_at);
