-- Applies one committed change of a room — version ARGV[1] to ARGV[2], new last seq ARGV[3] — when the
-- cache holds exactly version ARGV[1]: new messages are appended, edited and deleted ones replaced, and
-- only the newest ARGV[4] kept. A cache at an older version cannot be brought up to date from here and is
-- dropped; an absent or newer one is left alone. Readers refill.
-- KEYS as in read.lua; ARGV[5]: time to live in ms; then pairs of seq, JSON.
local current = redis.call('HGET', KEYS[1], 'version')
if not current then
  return 0
end
current = tonumber(current)
if current >= tonumber(ARGV[2]) then
  return 0
end
if current ~= tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1], KEYS[2])
  return -1
end
local floor = tonumber(redis.call('HGET', KEYS[1], 'head')) + 1
local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if #first > 0 then
  floor = tonumber(first[2])
end
for i = 6, #ARGV, 2 do
  local seq = tonumber(ARGV[i])
  -- Changes below the cached run concern messages the cache does not hold.
  if seq >= floor then
    redis.call('ZREMRANGEBYSCORE', KEYS[2], seq, seq)
    redis.call('ZADD', KEYS[2], seq, ARGV[i + 1])
  end
end
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[4]) + 1))
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'head', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 1
