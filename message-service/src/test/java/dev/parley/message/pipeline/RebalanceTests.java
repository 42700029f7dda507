package dev.parley.message.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.message.MessagePosted;
import dev.parley.infra.Infrastructure;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.SecondInstance;
import dev.parley.message.events.KafkaSetup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Two instances of message-service in one consumer group: a second one joins while commands flow, takes
 * over some partitions, and leaves again; every room's seqs stay 1..N exactly once and in command order.
 */
class RebalanceTests extends IntegrationTestSupport {

    private static final int PARTITIONS = 6;

    @Autowired
    JdbcClient jdbc;

    @Test
    void seqsStayGapFreeAndInOrderWhileASecondInstanceJoinsAndLeaves() throws Exception {
        UUID owner = UUID.randomUUID();
        List<UUID> rooms = oneRoomPerPartition();
        rooms.forEach(room -> kafka.createRoom(room, "private", owner));
        AtomicBoolean sending = new AtomicBoolean(true);
        Map<UUID, Integer> sent = new HashMap<>();
        rooms.forEach(room -> sent.put(room, 0));

        try (ExecutorService sender = Executors.newSingleThreadExecutor()) {
            Future<?> traffic = sender.submit(() -> {
                while (sending.get()) {
                    for (UUID room : rooms) {
                        int next = sent.get(room);
                        kafka.send(room, owner, "m-" + next, "message " + next);
                        sent.put(room, next + 1);
                    }
                    Thread.sleep(25);
                }
                return null;
            });
            try {
                String database = Infrastructure.shared().postgres().jdbcUrl("messages");
                try (ConfigurableApplicationContext second = SecondInstance.start(database)) {
                    MessageListenerContainer commands = second.getBean(KafkaListenerEndpointRegistry.class)
                            .getListenerContainer(KafkaSetup.COMMANDS_LISTENER);
                    awaitTrue(() -> !commands.getAssignedPartitions().isEmpty(), Duration.ofSeconds(30));
                    // It has handled batches of its own, not only been assigned partitions.
                    MeterRegistry meters = second.getBean(MeterRegistry.class);
                    awaitTrue(() -> meters.find("spring.kafka.listener").timers().stream()
                            .mapToLong(Timer::count).sum() > 0, Duration.ofSeconds(20));
                } // the second instance leaves the group while commands still flow
                Thread.sleep(1000);
            } finally {
                sending.set(false);
            }
            traffic.get();
        }

        for (UUID room : rooms) {
            int count = sent.get(room);
            List<MessagePosted> posted = kafka.awaitPosted(room, count);
            assertThat(posted).map(MessagePosted::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
            assertThat(posted).map(MessagePosted::clientMsgId)
                    .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> "m-" + i).toList());
            assertThat(jdbc.sql("select seq from messages where room_id = :room order by seq").param("room", room)
                    .query(Long.class).list())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
        }
    }

    /** Room ids whose records land on each of the partitions, so that some of them change owner. */
    private static List<UUID> oneRoomPerPartition() {
        Map<Integer, UUID> byPartition = new HashMap<>();
        while (byPartition.size() < PARTITIONS) {
            UUID room = UUID.randomUUID();
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(room.toString().getBytes(StandardCharsets.UTF_8)))
                    % PARTITIONS, room);
        }
        return new ArrayList<>(byPartition.values());
    }
}
