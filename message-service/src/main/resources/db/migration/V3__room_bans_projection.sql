-- Bans as room-service publishes them (UserBanned, UserUnbanned): a banned user cannot read the room,
-- public or not (contract §7).
create table room_bans (
    room_id uuid not null,
    user_id uuid not null,
    primary key (room_id, user_id)
);
