-- Forgets a deleted room and all its memberships.
-- KEYS[1] the room's members; ARGV[1] room id, ARGV[2] prefix of the users' room keys
for _, user in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  redis.call('SREM', ARGV[2] .. user, ARGV[1])
end
redis.call('DEL', KEYS[1])
return 1
