-- Extends this gateway's live connections. XX: a connection that is gone (closed meanwhile, or swept
-- after a long pause) is never re-added here; the caller re-admits those it still holds.
-- KEYS[1] online users, KEYS[2..n] the users' connection keys
-- ARGV[1] ttl ms, then for each connection key: the connection, the user id
-- Returns the positions (1-based, in KEYS[2..n] order) of connections that were not recorded
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expiresAt = now + tonumber(ARGV[1])
local missing = {}
for i = 2, #KEYS do
  local connection = ARGV[2 * (i - 1)]
  local user = ARGV[2 * (i - 1) + 1]
  if redis.call('ZADD', KEYS[i], 'XX', 'CH', expiresAt, connection) == 1 then
    redis.call('PEXPIRE', KEYS[i], ARGV[1])
    redis.call('ZADD', KEYS[1], 'GT', expiresAt, user)
  else
    table.insert(missing, i - 1)
  end
end
return missing
