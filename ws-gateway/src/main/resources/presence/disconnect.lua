-- Removes a closed connection; the user goes offline when it was their last live one.
-- KEYS[1] the user's connections, KEYS[2] online users; ARGV[1] connection, ARGV[2] user id
-- Returns {went offline 1|0, redis time ms}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if #last == 0 then
  redis.call('DEL', KEYS[1])
  return {redis.call('ZREM', KEYS[2], ARGV[2]), now}
end
redis.call('ZADD', KEYS[2], last[2], ARGV[2])
return {0, now}
