package dev.parley.message.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.SendMessage;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A send right after joining, while the room projection has not yet applied the join: the batch's first try
 * refuses it, and the projection is waited for with the room unlocked; then the send goes through.
 */
class JoinThenSendTests extends IntegrationTestSupport {

    @Autowired
    CommandBatchProcessor processor;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MeterRegistry meters;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();
    private final UUID member = UUID.randomUUID();

    @Test
    void aSendBeforeTheProjectionHasTheJoinIsAcceptedOnceItHasAndTheRoomStaysUnlockedMeanwhile() {
        kafka.createRoom(roomId, "private", owner);
        processor.process(List.of(send(owner, "c-1"))); // the room's sequence row exists from here on
        MessageListenerContainer projection = listeners.getListenerContainer("room-projection");
        projection.pause();
        await().atMost(Duration.ofSeconds(20)).until(projection::isContainerPaused);
        try {
            kafka.join(roomId, member);
            double waitsBefore = projectionWaits();
            CompletableFuture<Long> lastSeqLockedMeanwhile = CompletableFuture.supplyAsync(() -> {
                // the send below was refused once, its transaction rolled back, and it waits for the projection
                await().atMost(Duration.ofSeconds(20)).until(() -> projectionWaits() > waitsBefore);
                try {
                    // NOWAIT: fails at once if the waiting batch still held the room's lock
                    return transaction.execute(status -> jdbc.sql(
                                    "select last_seq from room_sequences where room_id = :room for update nowait")
                            .param("room", roomId).query(Long.class).single());
                } finally {
                    projection.resume();
                }
            });

            processor.process(List.of(send(member, "c-2")));

            assertThat(lastSeqLockedMeanwhile.join()).isEqualTo(1);
        } finally {
            projection.resume();
        }
        List<MessageEvent> events = kafka.awaitEvents(roomId, 2);
        assertThat(events.get(1)).isInstanceOfSatisfying(MessagePosted.class, posted -> {
            assertThat(posted.senderId()).isEqualTo(member);
            assertThat(posted.seq()).isEqualTo(2);
        });
    }

    @Test
    void aRoomTheProjectionLearnsWhileItsFirstBatchMakesTheRowsIsWrittenToAllTheSame() {
        kafka.createRoom(roomId, "private", owner);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "select count(*) from room_members where room_id = :room and user_id = :owner")
                .param("room", roomId).param("owner", owner).query(Long.class).single() == 1);
        // As when the projection commits the room right after the batch's insert of the rows looked for it: the
        // first insert of the room's row makes nothing (counted by a sequence, which a rollback does not undo).
        String skip = "skip_" + roomId.toString().replace('-', '_');
        jdbc.sql("create sequence " + skip).update();
        jdbc.sql("""
                create function %1$s() returns trigger language plpgsql as $$
                begin
                    if new.room_id = '%2$s' and nextval('%1$s') = 1 then return null; end if;
                    return new;
                end $$""".formatted(skip, roomId)).update();
        jdbc.sql("create trigger %1$s before insert on room_sequences for each row execute function %1$s()"
                .formatted(skip)).update();
        try {
            processor.process(List.of(send(owner, "c-1")));
        } finally {
            jdbc.sql("drop trigger %1$s on room_sequences".formatted(skip)).update();
            jdbc.sql("drop function %1$s()".formatted(skip)).update();
            jdbc.sql("drop sequence " + skip).update();
        }
        assertThat(kafka.awaitOnlyEvent(roomId)).isInstanceOfSatisfying(MessagePosted.class, posted -> {
            assertThat(posted.clientMsgId()).isEqualTo("c-1");
            assertThat(posted.seq()).isEqualTo(1);
        });
    }

    private SendMessage send(UUID sender, String clientMsgId) {
        return new SendMessage(UUID.randomUUID(), roomId, sender, clientMsgId, "hello", Instant.now(), TestKafka.ORIGIN);
    }

    private double projectionWaits() {
        return meters.get("parley.messages.projection.waits").counter().count();
    }
}
