package dev.parley.message.rooms;

import dev.parley.events.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Closes the join-then-send race: room-service publishes MemberJoined before answering the join, but
 * the projection may not have applied it yet when the user's first message arrives. Waiting until the
 * projection's consumer group has committed up to the current end of the room-events topic means every
 * room event published before the question has been applied — by whichever instance holds its
 * partition, since the projection lives in the shared database.
 */
@Component
class MembershipCatchUp implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MembershipCatchUp.class);
    private static final String TOPIC = Topic.ROOM_EVENTS.topicName();

    private final Admin admin;
    private final RoomProjectionProperties properties;

    MembershipCatchUp(KafkaAdmin kafkaAdmin, RoomProjectionProperties properties) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        int timeoutMs = (int) properties.catchUpTimeout().toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        this.admin = Admin.create(config);
        this.properties = properties;
    }

    /**
     * Waits, at most {@code catchUpTimeout}, until the projection has applied every room event published
     * before this call.
     *
     * @return false when it did not catch up in time (the caller answers from what it has)
     */
    boolean awaitProjection() {
        long deadline = System.nanoTime() + properties.catchUpTimeout().toNanos();
        try {
            Map<TopicPartition, Long> ends = endOffsets(deadline);
            while (!appliedUpTo(ends, deadline)) {
                if (System.nanoTime() >= deadline) {
                    log.warn("The room projection did not catch up within {}", properties.catchUpTimeout());
                    return false;
                }
                Thread.sleep(properties.catchUpPollInterval());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not tell whether the room projection is up to date: {}", e.toString());
            return false;
        }
    }

    private Map<TopicPartition, Long> endOffsets(long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        var partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames()
                .get(remainingMs(deadline), TimeUnit.MILLISECONDS).get(TOPIC).partitions();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> new TopicPartition(TOPIC, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(remainingMs(deadline), TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private boolean appliedUpTo(Map<TopicPartition, Long> ends, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(properties.groupId())
                .partitionsToOffsetAndMetadata().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        return ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata applied = committed.get(end.getKey());
            return end.getValue() == 0 || applied != null && applied.offset() >= end.getValue();
        });
    }

    private static long remainingMs(long deadline) {
        return Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
