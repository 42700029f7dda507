package dev.parley.message.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.Origin;
import dev.parley.events.message.SendMessage;
import dev.parley.message.IntegrationTestSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SequenceConcurrencyTests extends IntegrationTestSupport {

    private static final int SENDERS = 5;
    private static final int MESSAGES_EACH = 20;

    @Autowired
    CommandBatchProcessor processor;

    @Autowired
    JdbcClient jdbc;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @Test
    void fiveSendersOfTwentyMessagesEachGetSeqsOneToOneHundredInOrder() throws Exception {
        kafka.createRoom(roomId, "public", owner);
        List<UUID> senders = IntStream.range(0, SENDERS).mapToObj(i -> UUID.randomUUID()).toList();
        senders.forEach(sender -> kafka.join(roomId, sender));

        runConcurrently(senders.stream().<Callable<Void>>map(sender -> () -> {
            for (int i = 0; i < MESSAGES_EACH; i++) {
                kafka.send(roomId, sender, "m-" + i, "message " + i + " from " + sender);
            }
            return null;
        }).toList());

        List<MessagePosted> events = kafka.awaitEvents(roomId, SENDERS * MESSAGES_EACH).stream()
                .map(MessagePosted.class::cast).toList();
        assertThat(events).map(MessagePosted::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, SENDERS * MESSAGES_EACH).boxed().toList());
        assertThat(storedSeqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, SENDERS * MESSAGES_EACH)
                .boxed().toList());
        for (UUID sender : senders) {
            assertThat(events).filteredOn(posted -> posted.senderId().equals(sender))
                    .map(MessagePosted::clientMsgId)
                    .containsExactlyElementsOf(IntStream.range(0, MESSAGES_EACH).mapToObj(i -> "m-" + i).toList());
        }
    }

    /**
     * Below Kafka: several batches writing one room at once, as a zombie instance still writing a revoked
     * partition would, each batch repeating sends of the others.
     */
    @Test
    void concurrentBatchesOfOneRoomStayGapFreeAndStoreEachClientMsgIdOnce() throws Exception {
        kafka.createRoom(roomId, "public", owner);
        // 8 writers in batches of 5; 40 distinct clientMsgIds, every one of them sent by two writers at once.
        List<Callable<Void>> writers = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
            int first = (writer / 2) * 10;
            writers.add(() -> {
                for (int batch = first; batch < first + 10; batch += 5) {
                    List<MessageCommand> commands = new ArrayList<>();
                    for (int i = batch; i < batch + 5; i++) {
                        commands.add(new SendMessage(UUID.randomUUID(), roomId, owner, "c-" + i, "body " + i,
                                Instant.now(), new Origin("gw", "s")));
                    }
                    processor.process(commands);
                }
                return null;
            });
        }

        runConcurrently(writers);

        assertThat(storedSeqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(jdbc.sql("select count(distinct client_msg_id) from messages where room_id = :room")
                .param("room", roomId).query(Long.class).single()).isEqualTo(40);
        assertThat(jdbc.sql("select last_seq from room_sequences where room_id = :room")
                .param("room", roomId).query(Long.class).single()).isEqualTo(40);
    }

    private List<Long> storedSeqs() {
        return jdbc.sql("select seq from messages where room_id = :room order by seq").param("room", roomId)
                .query(Long.class).list();
    }

    private static void runConcurrently(List<Callable<Void>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            List<Future<Void>> running = tasks.stream().map(task -> pool.submit(() -> {
                start.await();
                return task.call();
            })).toList();
            start.countDown();
            for (Future<Void> task : running) {
                task.get();
            }
        }
    }
}
