-- Reads seqs ARGV[2]..ARGV[3] of a room's recent history, if the cache holds the room at version ARGV[1]
-- and its run of messages reaches down to ARGV[2].
-- KEYS[1]: hash {version, head}; KEYS[2]: sorted set of the newest messages (JSON), scored by seq.
-- Answers {'hit', json, seq, json, seq...}, {'stale'} (absent, other version, or damaged) or {'outside'}.
local version = redis.call('HGET', KEYS[1], 'version')
if version ~= ARGV[1] then
  return {'stale'}
end
local head = tonumber(redis.call('HGET', KEYS[1], 'head'))
local count = redis.call('ZCARD', KEYS[2])
if count == 0 and head > 0 then
  -- A room with messages always keeps at least its newest one here: these were evicted, not its head.
  redis.call('DEL', KEYS[1], KEYS[2])
  return {'stale'}
end
local floor = head + 1
if count > 0 then
  floor = tonumber(redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')[2])
end
if count ~= head - floor + 1 then
  -- Not one gap-free run ending at head (part of it evicted?): drop it, the next reader refills it.
  redis.call('DEL', KEYS[1], KEYS[2])
  return {'stale'}
end
if tonumber(ARGV[2]) < floor then
  return {'outside'}
end
local messages = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[2], ARGV[3], 'WITHSCORES')
table.insert(messages, 1, 'hit')
return messages
