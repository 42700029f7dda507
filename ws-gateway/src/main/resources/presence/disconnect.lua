-- Removes a closed connection. When it was the user's last live one, the user stays online for a linger
-- (ARGV[3] ms; a page reload or a quick reconnect anywhere makes no transition), after which settle.lua
-- (or, when this gateway is gone by then, sweep.lua) takes them offline; with no linger they go offline now.
-- KEYS[1] the user's connections, KEYS[2] online users; ARGV[1] connection, ARGV[2] user id, ARGV[3] linger ms
-- Returns {went offline 1|0, redis time ms, lingering 1|0}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if #last > 0 then
  redis.call('ZADD', KEYS[2], last[2], ARGV[2])
  return {0, now, 0}
end
redis.call('DEL', KEYS[1])
local linger = tonumber(ARGV[3])
if linger > 0 and redis.call('ZADD', KEYS[2], 'XX', 'CH', now + linger, ARGV[2]) == 1 then
  return {0, now, 1}
end
return {redis.call('ZREM', KEYS[2], ARGV[2]), now, 0}
