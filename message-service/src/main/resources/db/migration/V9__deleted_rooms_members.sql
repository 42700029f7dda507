-- A deleted room's members and bans were kept (only the room was marked); RoomProjection now removes them with the
-- room. The ones kept before go here, once.
delete from room_members m using rooms r where r.room_id = m.room_id and r.deleted;
delete from room_bans b using rooms r where r.room_id = b.room_id and r.deleted;
