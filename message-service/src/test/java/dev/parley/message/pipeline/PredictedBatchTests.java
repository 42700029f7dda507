package dev.parley.message.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.ErrorCode;
import dev.parley.events.Topic;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.SendMessage;
import dev.parley.events.room.MemberLeft;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.TestKafka;
import dev.parley.message.events.KafkaSetup;
import dev.parley.message.events.OutgoingEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A batch of sends written on what it predicts it would read, in one round trip (ADR 0045) — and, when the
 * prediction no longer holds, read and handled as if there had been none: nothing written on a stale one. The
 * command listener is paused meanwhile: the predictions counter is the service's, and only these tests' batches
 * may move it.
 */
class PredictedBatchTests extends IntegrationTestSupport {

    @Autowired
    CommandBatchProcessor processor;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @BeforeEach
    void noOtherBatchMeanwhile() throws InterruptedException {
        MessageListenerContainer commands = commands();
        commands.pause();
        awaitTrue(commands::isContainerPaused, Duration.ofSeconds(10));
    }

    @AfterEach
    void commandsGoOn() {
        commands().resume();
    }

    @Test
    void aSendersNextSendIsWrittenOnThePredictionWithTheRoomsNextSeq() {
        kafka.createRoom(roomId, "private", owner);
        processor.write(List.of(send(owner, "c-1")));
        double held = predictions("held");
        double failed = predictions("failed");

        BatchResult result = processor.write(List.of(send(owner, "c-2"), send(owner, "c-3")));

        assertThat(predictions("held")).isEqualTo(held + 1);
        assertThat(predictions("failed")).isEqualTo(failed);
        assertThat(postedSeqs(result)).containsExactly(2L, 3L);
        assertThat(storedSeqs()).containsExactly(1L, 2L, 3L);
        assertThat(sequenceRow()).containsExactly(3L, 2L);
    }

    @Test
    void aRoomSomeoneElseWroteToSinceIsReadAgainAndGoesOnFromWhatTheyWrote() {
        kafka.createRoom(roomId, "private", owner);
        processor.write(List.of(send(owner, "c-1")));
        // Another instance (a rebalance's zombie) edited a message of the room meanwhile: a new history version.
        jdbc.sql("update room_sequences set version = version + 1 where room_id = :room").param("room", roomId).update();
        double failed = predictions("failed");

        BatchResult result = processor.write(List.of(send(owner, "c-2")));

        assertThat(predictions("failed")).isEqualTo(failed + 1);
        assertThat(postedSeqs(result)).containsExactly(2L);
        assertThat(storedSeqs()).containsExactly(1L, 2L);
        assertThat(sequenceRow()).containsExactly(2L, 3L);
    }

    @Test
    void aMemberWhoLeftSinceIsRefusedAndNothingIsStored() throws InterruptedException {
        kafka.createRoom(roomId, "private", owner);
        UUID member = UUID.randomUUID();
        kafka.join(roomId, member);
        processor.write(List.of(send(member, "c-1")));
        kafka.publish(Topic.ROOM_EVENTS, new MemberLeft(roomId, member, "left", Instant.now()));
        awaitMembers(1);
        double failed = predictions("failed");

        BatchResult result = processor.write(List.of(send(member, "c-2")));

        assertThat(predictions("failed")).isEqualTo(failed + 1);
        assertThat(events(result)).singleElement().isInstanceOfSatisfying(MessageRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(ErrorCode.ROOM_NOT_FOUND.wireName()));
        assertThat(storedSeqs()).containsExactly(1L);
    }

    @Test
    void aSendDeliveredAgainIsAnsweredWithItsStoredMessageAndNotStoredTwice() {
        kafka.createRoom(roomId, "private", owner);
        processor.write(List.of(send(owner, "c-1")));
        SendMessage second = send(owner, "c-2");
        processor.write(List.of(second));
        double failed = predictions("failed");

        BatchResult again = processor.write(List.of(second));

        assertThat(predictions("failed")).isEqualTo(failed + 1);
        assertThat(postedSeqs(again)).containsExactly(2L);
        assertThat(storedSeqs()).containsExactly(1L, 2L);
    }

    @Test
    void aSendRefusedBeforeItsSenderJoinedIsRefusedAgainWhenDeliveredAgainAfter() throws InterruptedException {
        kafka.createRoom(roomId, "private", owner);
        UUID newcomer = UUID.randomUUID();
        SendMessage early = send(newcomer, "c-1");
        assertThat(events(processor.write(List.of(early)))).singleElement().isInstanceOf(MessageRejected.class);
        kafka.join(roomId, newcomer);
        awaitMembers(2);
        processor.write(List.of(send(newcomer, "c-2")));
        double failed = predictions("failed");

        BatchResult again = processor.write(List.of(early));

        assertThat(predictions("failed")).isEqualTo(failed + 1);
        assertThat(events(again)).singleElement().isInstanceOfSatisfying(MessageRejected.class,
                rejected -> assertThat(rejected.commandId()).isEqualTo(early.commandId()));
        assertThat(storedSeqs()).containsExactly(1L);
    }

    private SendMessage send(UUID sender, String clientMsgId) {
        return new SendMessage(UUID.randomUUID(), roomId, sender, clientMsgId, "hello", Instant.now(), TestKafka.ORIGIN);
    }

    private double predictions(String outcome) {
        return meters.get("parley.messages.batches.predicted").tag("outcome", outcome).counter().count();
    }

    private static List<MessageEvent> events(BatchResult result) {
        return result.events().stream().map(OutgoingEvent::event).toList();
    }

    private static List<Long> postedSeqs(BatchResult result) {
        return events(result).stream().map(event -> ((MessagePosted) event).seq()).toList();
    }

    private List<Long> storedSeqs() {
        return jdbc.sql("select seq from messages where room_id = :room order by seq").param("room", roomId)
                .query(Long.class).list();
    }

    /** last_seq, version. */
    private List<Long> sequenceRow() {
        return jdbc.sql("select last_seq, version from room_sequences where room_id = :room").param("room", roomId)
                .query((rows, row) -> List.of(rows.getLong(1), rows.getLong(2))).single();
    }

    private MessageListenerContainer commands() {
        return listeners.getListenerContainer(KafkaSetup.COMMANDS_LISTENER);
    }

    private void awaitMembers(int count) throws InterruptedException {
        awaitTrue(() -> members() == count, Duration.ofSeconds(10));
    }

    private int members() {
        return jdbc.sql("select count(*) from room_members where room_id = :room").param("room", roomId)
                .query(Integer.class).single();
    }
}
