package dev.parley.platform.kafka;

import dev.parley.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * "Has this projection seen everything published so far about these keys?" Waits until a consumer
 * group has committed up to the current end offset of each key's partition — so every event of those
 * keys published before the question has been applied, by whichever instance holds the partition.
 * Projections ask before answering "no" (a user who just joined a room or just registered), which
 * closes the race between a producer's acknowledged write and a consumer's lag.
 *
 * <p>The consumer group must commit past transaction markers ({@code fixTxOffsets}) for "committed ≥
 * end" to mean caught up. Keys map to partitions as the default partitioner does (murmur2).
 */
public final class ConsumerGroupCatchUp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroupCatchUp.class);

    private final Admin admin;
    private final String topic;
    private final String groupId;
    private final Duration timeout;
    private final Duration pollInterval;

    public ConsumerGroupCatchUp(KafkaAdmin kafkaAdmin, Topic topic, String groupId, Duration timeout,
                                Duration pollInterval) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = Admin.create(config);
        this.topic = topic.topicName();
        this.groupId = groupId;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
    }

    /** {@link #awaitKeys} for one key. */
    public boolean awaitKey(String key) {
        return awaitKeys(List.of(key));
    }

    /**
     * Waits, at most the timeout, until the group has applied every event of these keys published
     * before this call.
     *
     * @return false when it did not catch up in time, or could not tell (the caller answers from what it has)
     */
    public boolean awaitKeys(Collection<String> keys) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Map<TopicPartition, Long> ends = endOffsets(partitionsOf(keys, deadline), deadline);
            while (!appliedUpTo(ends, deadline)) {
                if (System.nanoTime() >= deadline) {
                    log.warn("Consumer group {} did not catch up on {} within {}", groupId, topic, timeout);
                    return false;
                }
                Thread.sleep(pollInterval);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not tell whether consumer group {} is up to date: {}", groupId, e.toString());
            return false;
        }
    }

    private Set<TopicPartition> partitionsOf(Collection<String> keys, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(remainingMs(deadline), TimeUnit.MILLISECONDS).get(topic).partitions().size();
        return keys.stream()
                .map(key -> new TopicPartition(topic,
                        Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions))
                .collect(Collectors.toSet());
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(remainingMs(deadline), TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private boolean appliedUpTo(Map<TopicPartition, Long> ends, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        var spec = new ListConsumerGroupOffsetsSpec().topicPartitions(ends.keySet());
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(Map.of(groupId, spec))
                .partitionsToOffsetAndMetadata(groupId).get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        return ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata applied = committed.get(end.getKey());
            return end.getValue() == 0 || applied != null && applied.offset() >= end.getValue();
        });
    }

    private static long remainingMs(long deadline) {
        return Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
