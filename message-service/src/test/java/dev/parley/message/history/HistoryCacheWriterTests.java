package dev.parley.message.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.message.sending.MessageView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** How the writer merges what it gathered: each room's consecutive changes become one, in their order. */
class HistoryCacheWriterTests {

    private final UUID room = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void aRoomsConsecutiveChangesBecomeOneThatEndsWhereTheLastEnds() {
        var merged = HistoryCacheWriter.merged(List.of(
                change(room, 4, 5, 7, message(room, 7, "seven")),
                change(room, 5, 6, 8, message(room, 8, "eight")),
                change(room, 6, 7, 8, message(room, 7, "seven, edited"))));

        assertThat(merged).hasSize(1);
        RoomHistoryChange only = merged.getFirst();
        assertThat(only.fromVersion()).isEqualTo(4);
        assertThat(only.toVersion()).isEqualTo(7);
        assertThat(only.lastSeq()).isEqualTo(8);
        assertThat(only.messages()).extracting(MessageView::seq, MessageView::body)
                .containsExactly(Tuple.tuple(7L, "seven, edited"),
                        Tuple.tuple(8L, "eight"));
    }

    @Test
    void roomsStayApartAndAChangeThatDoesNotFollowStaysOnItsOwn() {
        var first = change(room, 1, 2, 1, message(room, 1, "one"));
        var otherRoom = change(other, 2, 3, 1, message(other, 1, "elsewhere"));
        var gap = change(room, 5, 6, 4, message(room, 4, "after a change this instance did not make"));

        var merged = HistoryCacheWriter.merged(List.of(first, otherRoom, gap));

        assertThat(merged).containsExactly(first, gap, otherRoom);
    }

    private static RoomHistoryChange change(UUID roomId, long from, long to, long lastSeq, MessageView... messages) {
        return new RoomHistoryChange(roomId, from, to, lastSeq, List.of(messages));
    }

    private static MessageView message(UUID roomId, long seq, String body) {
        return new MessageView(UUID.randomUUID(), roomId, seq, UUID.randomUUID(), "c-" + seq, body, Instant.EPOCH,
                null, false, null, 0, null, List.of(), List.of(), List.of());
    }
}
