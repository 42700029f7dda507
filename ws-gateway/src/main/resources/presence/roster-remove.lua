-- Forgets a membership, in both directions.
-- KEYS[1] the user's rooms, KEYS[2] the room's members; ARGV[1] room id, ARGV[2] user id
redis.call('SREM', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[2])
return 1
