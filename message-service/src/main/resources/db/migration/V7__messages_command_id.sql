-- The command that stored each message. A send found stored is answered by what its command tells apart: the
-- same command again (redelivered after a stop between commit and publish) publishes MessagePosted again,
-- perhaps for the first time; a client's resend (another command) gets SendRepeated, no second MessagePosted.
-- Null for messages stored before this column: their resends are answered by MessagePosted, as before.
alter table messages add column command_id uuid;
