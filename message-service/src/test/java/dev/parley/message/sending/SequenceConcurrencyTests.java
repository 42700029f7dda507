package dev.parley.message.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.message.MessageEvent;
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
    MessageStore store;

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

        List<MessageEvent> events = kafka.awaitEvents(roomId, SENDERS * MESSAGES_EACH);
        assertThat(events).allSatisfy(event -> assertThat(event).isInstanceOf(MessagePosted.class));
        assertThat(events).map(event -> ((MessagePosted) event).seq())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, SENDERS * MESSAGES_EACH).boxed().toList());
        assertThat(storedSeqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, SENDERS * MESSAGES_EACH)
                .boxed().toList());
        for (UUID sender : senders) {
            assertThat(events).map(MessagePosted.class::cast).filteredOn(posted -> posted.senderId().equals(sender))
                    .map(MessagePosted::clientMsgId)
                    .containsExactlyElementsOf(IntStream.range(0, MESSAGES_EACH).mapToObj(i -> "m-" + i).toList());
        }
    }

    /** Below Kafka: several writers of one room at once (instances during a rebalance, retries racing). */
    @Test
    void concurrentStoresOfOneRoomStayGapFreeAndStoreEachClientMsgIdOnce() throws Exception {
        UUID sender = UUID.randomUUID();
        // 8 writers, 40 distinct clientMsgIds, every one of them stored by two writers at once.
        List<Callable<Void>> writers = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
            int first = (writer / 2) * 10;
            writers.add(() -> {
                for (int i = first; i < first + 10; i++) {
                    store.storeOnce(new SendMessage(UUID.randomUUID(), roomId, sender, "c-" + i, "body " + i,
                            Instant.now(), new Origin("gw", "s")));
                }
                return null;
            });
        }

        runConcurrently(writers);

        assertThat(storedSeqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(jdbc.sql("select count(distinct client_msg_id) from messages where room_id = :room")
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
