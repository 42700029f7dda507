package dev.parley.message.pipeline;

import static dev.parley.testing.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.parley.events.message.MessagePosted;
import dev.parley.infra.Infrastructure;
import dev.parley.infra.PostgresServer;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.events.KafkaSetup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** PostgreSQL away: commands wait in Kafka, nothing is skipped or dropped, and order holds when it returns. */
class DatabaseOutageTests extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry meters;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @Test
    void commandsSentWhilePostgresIsDownArePersistedInOrderOnceItIsBack() throws Exception {
        kafka.createRoom(roomId, "private", owner);
        IntStream.range(0, 5).forEach(i -> kafka.send(roomId, owner, "m-" + i, "message " + i));
        kafka.awaitPosted(roomId, 5);

        PostgresServer postgres = Infrastructure.shared().postgres();
        double failedBefore = failedBatches();
        postgres.stop();
        try {
            IntStream.range(5, 25).forEach(i -> kafka.send(roomId, owner, "m-" + i, "message " + i));
            mvc.perform(get("/api/rooms/{id}/messages", roomId).header("Authorization", bearer(owner)))
                    .andExpect(problem(503, "service_unavailable"));
            // the command consumer fails, backs off and tries the batch again, more than once
            await().atMost(Duration.ofSeconds(30)).until(() -> failedBatches() >= failedBefore + 2);
        } finally {
            postgres.restart();
        }

        List<MessagePosted> posted = kafka.awaitPosted(roomId, 25);
        assertThat(posted).map(MessagePosted::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
        assertThat(posted).map(MessagePosted::clientMsgId)
                .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> "m-" + i).toList());
        assertThat(jdbc.sql("select client_msg_id from messages where room_id = :room order by seq")
                .param("room", roomId).query(String.class).list())
                .containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> "m-" + i).toList());
    }

    /** The command consumer's failed batches, as its listener containers count them. */
    private double failedBatches() {
        return meters.find("spring.kafka.listener").tag("result", "failure").timers().stream()
                .filter(timer -> String.valueOf(timer.getId().getTag("name")).startsWith(KafkaSetup.COMMANDS_LISTENER))
                .mapToLong(Timer::count).sum();
    }
}
