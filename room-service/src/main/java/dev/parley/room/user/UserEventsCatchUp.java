package dev.parley.room.user;

import dev.parley.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Closes the register-then-invite race: waits until the directory's consumer group has committed up
 * to the current end of the user's partition of {@code parley.user-events.v1} — then every event of
 * that user published before the question has been applied, by whichever instance holds the partition
 * (the directory is in the shared database).
 */
@Component
class UserEventsCatchUp implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UserEventsCatchUp.class);
    private static final String TOPIC = Topic.USER_EVENTS.topicName();

    private final Admin admin;
    private final UserDirectoryProperties properties;

    UserEventsCatchUp(KafkaAdmin kafkaAdmin, UserDirectoryProperties properties) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        int timeoutMs = (int) properties.catchUpTimeout().toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        this.admin = Admin.create(config);
        this.properties = properties;
    }

    /** Waits, at most {@code catchUpTimeout}, until the user's events published so far are applied. */
    void awaitUser(UUID userId) {
        long deadline = System.nanoTime() + properties.catchUpTimeout().toNanos();
        try {
            TopicPartition partition = partitionOf(userId, deadline);
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(remainingMs(deadline), TimeUnit.MILLISECONDS).offset();
            while (end > 0 && appliedUpTo(partition, deadline) < end) {
                if (System.nanoTime() >= deadline) {
                    log.warn("The user directory did not catch up within {}", properties.catchUpTimeout());
                    return;
                }
                Thread.sleep(properties.catchUpPollInterval());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not tell whether the user directory is up to date: {}", e.toString());
        }
    }

    /** The default partitioner's choice for the key (murmur2 of the user id), as auth-service publishes it. */
    private TopicPartition partitionOf(UUID userId, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        int partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames()
                .get(remainingMs(deadline), TimeUnit.MILLISECONDS).get(TOPIC).partitions().size();
        byte[] key = userId.toString().getBytes(StandardCharsets.UTF_8);
        return new TopicPartition(TOPIC, Utils.toPositive(Utils.murmur2(key)) % partitions);
    }

    private long appliedUpTo(TopicPartition partition, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        var spec = new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(partition));
        OffsetAndMetadata applied = admin.listConsumerGroupOffsets(Map.of(properties.groupId(), spec))
                .partitionsToOffsetAndMetadata(properties.groupId())
                .get(remainingMs(deadline), TimeUnit.MILLISECONDS).get(partition);
        return applied == null ? -1 : applied.offset();
    }

    private static long remainingMs(long deadline) {
        return Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
