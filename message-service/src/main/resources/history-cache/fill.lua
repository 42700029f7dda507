-- Replaces a room's cache with a window of its newest messages read in one snapshot at version ARGV[1]
-- (last seq ARGV[2]), unless the cache already holds that version or a newer one: a reader that read
-- before a write must not put its older window over what the writer (or a later reader) stored.
-- KEYS as in read.lua; ARGV[3]: time to live in ms; then pairs of seq, JSON.
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1')
if current >= tonumber(ARGV[1]) then
  return 0
end
redis.call('DEL', KEYS[2])
for i = 4, #ARGV, 2 do
  redis.call('ZADD', KEYS[2], ARGV[i], ARGV[i + 1])
end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'head', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
