package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.Infrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Changes go on while Kafka is away; their events follow, in commit order, when it is back (ADR 0004). */
class RoomEventsOutageTests extends RoomServiceIntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Test
    void changesDuringAKafkaOutageSucceedAndTheirEventsArriveInCommitOrderWhenTheBrokerIsBack() {
        User owner = newUser();
        User first = newUser();
        User second = newUser();
        List<String> committed;
        UUID room;
        Infrastructure.shared().kafka().stop();
        try {
            Api.Response created = api.post("/api/rooms", owner.token(),
                    Api.json(Map.of("name", "Offline", "visibility", "public")));
            room = UUID.fromString(created.text("id"));
            List<Api.Response> answers = List.of(
                    created,
                    api.post(members(room), first.token(), null),
                    api.post(members(room), second.token(), null),
                    api.delete(members(room) + "/" + first.id(), owner.token()),
                    api.patch("/api/rooms/" + room, owner.token(), "{\"topic\":\"Written while Kafka was away\"}"));

            assertThat(answers).extracting(Api.Response::status).containsExactly(201, 201, 201, 204, 200);
            committed = jdbc.sql("""
                            select event_type || ' ' || event_id from event_outbox
                            where record_key = :room order by id""")
                    .param("room", room.toString()).query(String.class).list();
            assertThat(committed).hasSize(6);
        } finally {
            Infrastructure.shared().kafka().restart();
        }

        List<String> published = new RoomEventsReader(bootstrapServers).eventsOf(room, 6, Duration.ofSeconds(60)).stream()
                .map(received -> received.eventType() + " " + received.eventId())
                .distinct() // consumers dedupe by eventId; a failure may publish a batch twice
                .toList();

        assertThat(published).containsExactlyElementsOf(committed);
        assertThat(committed).extracting(event -> event.split(" ")[0]).containsExactly(
                "RoomCreated", "MemberJoined", "MemberJoined", "MemberJoined", "MemberLeft", "RoomUpdated");
    }
}
