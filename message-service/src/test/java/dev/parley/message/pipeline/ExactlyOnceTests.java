package dev.parley.message.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.message.EditMessage;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessageEdited;
import dev.parley.events.message.MessageEvent;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.SendMessage;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Exactly-once effect with at-least-once events: crashes between commit and publish, duplicates, poison. */
class ExactlyOnceTests extends IntegrationTestSupport {

    @Autowired
    CommandBatchProcessor processor;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @Test
    void aSendCommittedButNeverPublishedIsPublishedWithItsOriginalSeqWhenRedelivered() {
        kafka.createRoom(roomId, "private", owner);
        SendMessage command = command("c-1", "before the crash");

        // The transaction commits, then the process dies: no event, no offset commit.
        processor.write(List.of(command));
        UUID storedId = jdbc.sql("select id from messages where room_id = :room and seq = 1").param("room", roomId)
                .query(UUID.class).single();

        kafka.publish(Topic.MESSAGE_COMMANDS, command); // the redelivery
        kafka.send(roomId, owner, "c-2", "after the crash");

        List<MessageEvent> events = kafka.awaitEvents(roomId, 2);
        assertThat(events.get(0)).isInstanceOfSatisfying(MessagePosted.class, posted -> {
            assertThat(posted.seq()).isEqualTo(1);
            assertThat(posted.messageId()).isEqualTo(storedId);
            assertThat(posted.commandId()).isEqualTo(command.commandId());
            assertThat(posted.body()).isEqualTo("before the crash");
        });
        assertThat(events.get(1)).isInstanceOfSatisfying(MessagePosted.class,
                posted -> assertThat(posted.seq()).isEqualTo(2));
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void anEditCommittedButNeverPublishedIsRepublishedWhenRedeliveredAndNotAppliedAgain() {
        kafka.createRoom(roomId, "private", owner);
        kafka.send(roomId, owner, "c-1", "first draft");
        kafka.awaitOnlyEvent(roomId);
        EditMessage edit = new EditMessage(UUID.randomUUID(), roomId, owner, 1, "second draft", TestKafka.ORIGIN);

        processor.write(List.of(edit));
        Instant editedAt = editedAtOfSeqOne();

        kafka.publish(Topic.MESSAGE_COMMANDS, edit);
        kafka.publish(Topic.MESSAGE_COMMANDS, edit);

        List<MessageEvent> events = kafka.awaitEvents(roomId, 3);
        assertThat(events.subList(1, 3)).allSatisfy(event -> assertThat(event).isEqualTo(
                new MessageEdited(roomId, 1, events.get(0) instanceof MessagePosted p ? p.messageId() : null, owner,
                        "second draft", editedAt)));
        assertThat(editedAtOfSeqOne()).isEqualTo(editedAt);
    }

    @Test
    void aCommandThatFailsEveryTimeIsRefusedAloneAndTheRestOfItsBatchGoesThrough() {
        kafka.createRoom(roomId, "private", owner);
        // A row PostgreSQL refuses every time, as a constraint added later would.
        jdbc.sql("""
                create or replace function refuse_poison() returns trigger language plpgsql as $$
                begin
                    if new.body = 'poison' then raise exception 'poisoned row'; end if;
                    return new;
                end $$""").update();
        jdbc.sql("create trigger refuse_poison before insert on messages for each row execute function refuse_poison()")
                .update();
        try {
            SendMessage poison = command("c-2", "poison");
            processor.process(List.of(command("c-1", "fine"), poison, command("c-3", "also fine")));
        } finally {
            jdbc.sql("drop trigger refuse_poison on messages").update();
        }

        List<MessageEvent> events = kafka.awaitEvents(roomId, 3);
        assertThat(events.get(0)).isInstanceOfSatisfying(MessagePosted.class, posted -> {
            assertThat(posted.seq()).isEqualTo(1);
            assertThat(posted.clientMsgId()).isEqualTo("c-1");
        });
        assertThat(events.get(1)).isInstanceOfSatisfying(MessageRejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo("internal");
            assertThat(rejected.clientMsgId()).isEqualTo("c-2");
            assertThat(rejected.origin()).isEqualTo(TestKafka.ORIGIN);
        });
        assertThat(events.get(2)).isInstanceOfSatisfying(MessagePosted.class, posted -> {
            assertThat(posted.seq()).isEqualTo(2);
            assertThat(posted.clientMsgId()).isEqualTo("c-3");
        });
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void theSameCommandTwiceInOneBatchIsAppliedOnceAndAnsweredTwice() {
        kafka.createRoom(roomId, "private", owner);
        SendMessage send = command("c-1", "hello");
        EditMessage edit = new EditMessage(UUID.randomUUID(), roomId, owner, 1, "hello again", TestKafka.ORIGIN);
        List<MessageCommand> batch = List.of(send, send, edit, edit);
        double storedBefore = stored();

        processor.process(batch);
        processor.process(List.of(send));

        // The second answer to a command is the first one again, eventId included: consumers drop it.
        List<TestKafka.Received> events = kafka.awaitRecords(roomId, 4, event -> true);
        assertThat(events.get(0)).isEqualTo(events.get(1));
        assertThat(events.get(2)).isEqualTo(events.get(3));
        assertThat(events.get(2).event()).isInstanceOf(MessageEdited.class);
        assertThat(events.get(0).eventId()).isNotEqualTo(events.get(2).eventId());
        assertThat(rows()).isEqualTo(1);
        assertThat(stored() - storedBefore).as("parley.messages.persisted").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from handled_commands where command_id = :id")
                .param("id", edit.commandId()).query(Long.class).single()).isEqualTo(1);
    }

    private SendMessage command(String clientMsgId, String body) {
        return new SendMessage(UUID.randomUUID(), roomId, owner, clientMsgId, body, Instant.now(), TestKafka.ORIGIN);
    }

    private Instant editedAtOfSeqOne() {
        return jdbc.sql("select edited_at from messages where room_id = :room and seq = 1").param("room", roomId)
                .query(OffsetDateTime.class).single().toInstant();
    }

    private double stored() {
        return meters.get("parley.messages.persisted").counter().count();
    }

    private long rows() {
        return jdbc.sql("select count(*) from messages where room_id = :room").param("room", roomId)
                .query(Long.class).single();
    }
}
