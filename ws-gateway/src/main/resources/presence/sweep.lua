-- Takes offline the users whose connections all expired (their gateway died or lost Redis).
-- Atomic, so when several gateways sweep at once each such user is reported by exactly one.
-- KEYS[1] online users; ARGV[1] batch size, ARGV[2] prefix of the users' connection keys
-- Returns {redis time ms, user ids that went offline...}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
local result = {tostring(now)}
for _, user in ipairs(due) do
  local key = ARGV[2] .. user
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  if #last == 0 then
    redis.call('DEL', key)
    redis.call('ZREM', KEYS[1], user)
    table.insert(result, user)
  else
    redis.call('ZADD', KEYS[1], last[2], user)
  end
end
return result
