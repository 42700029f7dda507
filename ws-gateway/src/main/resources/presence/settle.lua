-- Ends a linger: the user goes offline unless a connection of theirs opened meanwhile, on any gateway.
-- Atomic with sweep.lua, so a user whose linger ends is reported offline by exactly one of them.
-- KEYS[1] the user's connections, KEYS[2] online users; ARGV[1] user id
-- Returns {went offline 1|0, redis time ms, ms of the linger still to run (0 when it ended)}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) > 0 then
  return {0, now, 0}
end
local lingersUntil = redis.call('ZSCORE', KEYS[2], ARGV[1])
if not lingersUntil then
  return {0, now, 0}
end
if tonumber(lingersUntil) > now then
  return {0, now, tonumber(lingersUntil) - now}
end
redis.call('DEL', KEYS[1])
return {redis.call('ZREM', KEYS[2], ARGV[1]), now, 0}
