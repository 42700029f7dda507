-- Records a new connection of a user, unless the user already has the maximum number of live ones.
-- KEYS[1] the user's connections (zset "<gatewayId>/<sessionId>" -> expiry, ms)
-- KEYS[2] online users (zset userId -> latest expiry of their connections, ms)
-- ARGV[1] connection, ARGV[2] ttl ms, ARGV[3] max connections per user, ARGV[4] user id
-- Returns {admitted 1|0, came online 1|0, redis time ms}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expiresAt = now + tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  return {0, 0, now}
end
redis.call('ZADD', KEYS[1], expiresAt, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local wasOnline = redis.call('ZSCORE', KEYS[2], ARGV[4])
redis.call('ZADD', KEYS[2], 'GT', expiresAt, ARGV[4])
if wasOnline then
  return {1, 0, now}
end
return {1, 1, now}
