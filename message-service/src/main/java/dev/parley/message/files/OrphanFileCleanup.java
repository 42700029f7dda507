package dev.parley.message.files;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Uploads that no message claimed within {@code parley.files.orphan-after} are deleted, every
 * {@code cleanup-every}: first their rows (a batch at a time, skipping rows another instance or a claim holds,
 * so every instance may run it), then, once that has committed, their bytes. Bytes whose row is gone are
 * unreachable, so one that cannot be deleted is only logged.
 */
@Component
class OrphanFileCleanup implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OrphanFileCleanup.class);

    private final FileStore store;
    private final FileStorage storage;
    private final FilesProperties properties;

    OrphanFileCleanup(FileStore store, FileStorage storage, FilesProperties properties) {
        this.store = store;
        this.storage = storage;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::removeOrphans, properties.cleanupEvery(),
                properties.cleanupEvery()));
    }

    /** Removes every orphan there is now, a batch at a time; returns how many. */
    int removeOrphans() {
        Instant cutoff = Instant.now().minus(properties.orphanAfter());
        int removed = 0;
        List<String> keys;
        do {
            keys = store.deleteOrphans(cutoff, properties.cleanupBatch());
            keys.forEach(this::deleteBytes);
            removed += keys.size();
        } while (keys.size() == properties.cleanupBatch());
        if (removed > 0) {
            log.info("Removed {} uploads never attached within {}", removed, properties.orphanAfter());
        }
        return removed;
    }

    private void deleteBytes(String key) {
        try {
            storage.delete(key);
        } catch (IOException e) {
            log.warn("Could not delete the stored bytes of orphan {} (its row is gone; they are unreachable)", key, e);
        }
    }
}
