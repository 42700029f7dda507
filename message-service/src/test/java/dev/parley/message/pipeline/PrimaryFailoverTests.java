package dev.parley.message.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.message.MessagePosted;
import dev.parley.infra.Infrastructure;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.SecondInstance;
import dev.parley.message.events.KafkaSetup;
import dev.parley.testing.TcpRelay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The primary vanishes right after it committed a batch of sends, before message-service heard of it — a failover
 * to a standby that has everything committed ({@link TcpRelay#strand()}). The batch's outcome is unknown to the command
 * consumer; it gives up on the silent connection after the driver's socketTimeout (not the kernel's ~15 minutes, or
 * never) and handles the batch again on a new connection, to the new primary: the sends it had committed are found
 * there and answered with their stored seqs, the others stored after them. Every send once, in order, within seconds.
 * An instance of its own connects through the relay; the shared context's command consumer stands aside meanwhile.
 */
class PrimaryFailoverTests extends IntegrationTestSupport {

    /**
     * The driver's socketTimeout (10 s, service-defaults.yml); then the pool's check of each connection the failover
     * left silent (1 s each, validation-timeout) as the retries meet them; and a generous margin for a slow machine.
     */
    private static final Duration RESUMED_WITHIN = Duration.ofSeconds(45);

    /** The tag of PostgreSQL's CommandComplete answer to {@code commit}. */
    private static final byte[] COMMIT_COMPLETE = "COMMIT\0".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @Test
    void sendsCommittedByAPrimaryThatVanishedBeforeAnsweringAreStoredOnceAndTheRestFollowInOrder() throws Exception {
        MessageListenerContainer shared = listeners.getListenerContainer(KafkaSetup.COMMANDS_LISTENER);
        try (TcpRelay relay = TcpRelay.to(Infrastructure.shared().postgres().port())) {
            shared.stop();
            String throughTheRelay = "jdbc:postgresql://127.0.0.1:" + relay.port() + "/messages";
            try (ConfigurableApplicationContext instance = SecondInstance.start(throughTheRelay)) {
                MessageListenerContainer commands = instance.getBean(KafkaListenerEndpointRegistry.class)
                        .getListenerContainer(KafkaSetup.COMMANDS_LISTENER);
                int partitions = commandPartitions();
                awaitTrue(() -> commands.getAssignedPartitions() != null
                        && commands.getAssignedPartitions().size() == partitions, Duration.ofSeconds(60));

                kafka.createRoom(roomId, "private", owner);
                IntStream.range(0, 5).forEach(i -> kafka.send(roomId, owner, "m-" + i, "message " + i));
                kafka.awaitPosted(roomId, 5);

                relay.strandWhenServerSends(COMMIT_COMPLETE);
                IntStream.range(5, 25).forEach(i -> kafka.send(roomId, owner, "m-" + i, "message " + i));
                awaitTrue(() -> relay.strandings() == 1, Duration.ofSeconds(30));
                long failedOver = System.nanoTime();
                assertThat(storedClientMsgIds().size()).as("the batch the primary committed before it vanished")
                        .isGreaterThan(5);

                List<MessagePosted> posted = kafka.awaitPosted(roomId, 25);
                assertThat(Duration.ofNanos(System.nanoTime() - failedOver)).as("persisting resumed after the failover")
                        .isLessThan(RESUMED_WITHIN);
                assertThat(posted).map(MessagePosted::seq)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
                assertThat(posted).map(MessagePosted::clientMsgId).containsExactlyElementsOf(clientMsgIds(25));
                assertThat(storedClientMsgIds()).containsExactlyElementsOf(clientMsgIds(25));
            } finally {
                shared.start();
            }
        }
    }

    private List<String> storedClientMsgIds() {
        return jdbc.sql("select client_msg_id from messages where room_id = :room order by seq")
                .param("room", roomId).query(String.class).list();
    }

    private static List<String> clientMsgIds(int count) {
        return IntStream.range(0, count).mapToObj(i -> "m-" + i).toList();
    }

    private static int commandPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.shared().kafkaBootstrapServers()))) {
            String topic = Topic.MESSAGE_COMMANDS.topicName();
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }
}
