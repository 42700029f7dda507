-- The known members of a room that are online now.
-- KEYS[1] the room's roster (set of user ids), KEYS[2] online users
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local online = {}
for _, user in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local expiresAt = redis.call('ZSCORE', KEYS[2], user)
  if expiresAt and tonumber(expiresAt) > now then
    table.insert(online, user)
  end
end
return online
