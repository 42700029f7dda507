package dev.parley.room.room;

import java.util.List;

/** A page of rooms; {@code nextCursor} is null on the last page. */
record RoomPage(List<RoomResponse> items, String nextCursor) {
}
