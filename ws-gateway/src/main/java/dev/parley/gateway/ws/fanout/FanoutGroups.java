package dev.parley.gateway.ws.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DeleteConsumerGroupsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Deletes this instance's fan-out consumer groups on a graceful shutdown, once its listener containers
 * have stopped (and so left the groups). The groups are one instance's private broadcast subscription: a
 * gateway starts at the end of every topic whatever a group holds (see {@link FanoutReadiness}), so no
 * later run ever needs them, and without this each start would leave four groups behind on the broker.
 * The groups of an instance that dies without a shutdown stay until the broker expires them
 * ({@code offsets.retention.minutes} after they became empty, 7 days by default).
 */
@Component
class FanoutGroups implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FanoutGroups.class);

    /** The delete is one round trip; a broker away at shutdown must not hold the shutdown up for long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final KafkaListenerEndpointRegistry listeners;
    private final KafkaAdmin kafkaAdmin;
    private volatile boolean running;

    FanoutGroups(KafkaListenerEndpointRegistry listeners, KafkaAdmin kafkaAdmin) {
        this.listeners = listeners;
        this.kafkaAdmin = kafkaAdmin;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<String> groups = listeners.getListenerContainers().stream().map(MessageListenerContainer::getGroupId)
                .filter(Objects::nonNull).distinct().toList();
        // Stopped here, whatever the phases: each container waits for its consumer to close, and so to leave
        // its group (the registry's own stop, later, finds them stopped). RestartNotice, which needs the
        // fan-out to answer the last sends, has stopped before (a higher phase).
        listeners.stop();
        if (!groups.isEmpty()) {
            delete(groups);
        }
    }

    private void delete(List<String> groups) {
        var config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        List<String> remaining = new ArrayList<>(groups);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Admin admin = Admin.create(config)) {
            while (!remaining.isEmpty() && System.nanoTime() - deadline < 0) {
                Map<String, KafkaFuture<Void>> deletions = admin.deleteConsumerGroups(remaining,
                        new DeleteConsumerGroupsOptions().timeoutMs((int) TIMEOUT.toMillis())).deletedGroups();
                remaining = deletions.entrySet().stream().filter(deletion -> !deleted(deletion.getKey(),
                        deletion.getValue())).map(Map.Entry::getKey).toList();
                if (!remaining.isEmpty()) {
                    Thread.sleep(RETRY_PAUSE.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not delete the fan-out consumer groups {}: {}", remaining, e.toString());
            return;
        }
        if (remaining.isEmpty()) {
            log.info("Deleted the fan-out consumer groups {}", groups);
        } else {
            log.warn("Fan-out consumer groups {} not deleted within {}", remaining, TIMEOUT);
        }
    }

    /** Gone now (or already); false for a group that still has a member, or when the broker did not answer. */
    private static boolean deleted(String group, KafkaFuture<Void> deletion) {
        try {
            deletion.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return true;
            }
            // GroupNotEmptyException: a member still leaving — or another process runs with this gateway id
            log.debug("Consumer group {} not deleted yet: {}", group, e.getCause().toString());
        } catch (TimeoutException e) {
            log.debug("Consumer group {} not deleted within {}", group, TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Right after the listener containers' own phase (lower phases stop later). */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
    }
}
