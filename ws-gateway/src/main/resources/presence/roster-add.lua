-- Records that a user is a member of a room, in both directions.
-- KEYS[1] the user's rooms, KEYS[2] the room's members; ARGV[1] room id, ARGV[2] user id, ARGV[3] ttl ms
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
