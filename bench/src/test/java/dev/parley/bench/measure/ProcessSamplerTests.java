package dev.parley.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A group counts its roots' descendants, but not another group's root and what runs under it. */
class ProcessSamplerTests {

    @Test
    void aGroupHoldsItsDescendantsExceptAnotherGroupsRoots() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "sleep 30 & sleep 30 & wait").start();
        try {
            List<ProcessHandle> children = awaitChildren(shell.toHandle(), 2);
            Map<String, List<ProcessHandle>> groups = new LinkedHashMap<>();
            groups.put("tree", List.of(shell.toHandle()));
            groups.put("inner", List.of(children.getFirst()));
            try (ProcessSampler sampler = new ProcessSampler(groups, 60_000)) {
                long from = System.nanoTime();
                sampler.start();
                sampler.sample();
                ResourceUsage usage = sampler.usage(from, System.nanoTime());

                assertThat(group(usage, "tree").processes()).as("the shell and its other sleep").isEqualTo(2);
                assertThat(group(usage, "inner").processes()).isEqualTo(1);
                assertThat(group(usage, "tree").rssMaxMiB()).isGreaterThan(group(usage, "inner").rssMaxMiB());
            }
        } finally {
            shell.descendants().forEach(ProcessHandle::destroy);
            shell.destroy();
        }
    }

    @Test
    void aGroupCountsItsThreadsContextSwitches() throws Exception {
        // a shell waiting for 50 short-lived children, one after another, is put to sleep and woken for each
        Process shell = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 50 ]; do sleep 0.01; i=$((i+1)); done; "
                + "sleep 30").start();
        try (ProcessSampler sampler = new ProcessSampler(Map.of("waiter", List.of(shell.toHandle())), 60_000)) {
            long from = System.nanoTime();
            sampler.start();
            Thread.sleep(3_000);
            sampler.sample();
            ResourceUsage usage = sampler.usage(from, System.nanoTime());

            ResourceUsage.Group waiter = group(usage, "waiter");
            assertThat(waiter.switchesPerSecond() * usage.seconds()).as("switches in the window").isGreaterThan(25);
            assertThat(usage.platform().switchesPerSecond()).isEqualTo(waiter.switchesPerSecond());
        } finally {
            shell.descendants().forEach(ProcessHandle::destroy);
            shell.destroy();
        }
    }

    @Test
    void aGroupNamesItsBusiestKindsOfThreadWithAPoolsThreadsAddedUp() throws Exception {
        // this JVM: two threads of one pool spin for two seconds, a third of another name sleeps
        AtomicBoolean spinning = new AtomicBoolean(true);
        Runnable spin = () -> {
            long x = 0;
            while (spinning.get()) {
                x++;
            }
            assertThat(x).isPositive();
        };
        try (ProcessSampler sampler = new ProcessSampler(Map.of("self", List.of(ProcessHandle.current())), 60_000)) {
            long from = System.nanoTime();
            sampler.start();
            List<Thread> threads = List.of(Thread.ofPlatform().name("spinner-1").start(spin),
                    Thread.ofPlatform().name("spinner-22").start(spin),
                    Thread.ofPlatform().name("sleeper-3").start(() -> sleep(2_000)));
            Thread.sleep(2_000);
            sampler.sample(); // while they live: a thread that ended takes its CPU time with it
            ResourceUsage usage = sampler.usage(from, System.nanoTime());
            spinning.set(false);
            for (Thread thread : threads) {
                thread.join();
            }

            Map<String, Double> threadCores = group(usage, "self").threadCores();
            assertThat(threadCores).as("the spinners' pool, as a kind: %s", threadCores).containsKey("spinner-*");
            assertThat(threadCores.keySet().iterator().next()).as("busiest first").isEqualTo("spinner-*");
            // two spinners on a 2-core machine shared with this test's own threads: well above one spinner's half
            assertThat(threadCores.get("spinner-*")).isGreaterThan(0.5);
            assertThat(threadCores).as("a sleeping thread took no CPU").doesNotContainKey("sleeper-*");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<ProcessHandle> awaitChildren(ProcessHandle parent, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<ProcessHandle> children = parent.children().toList();
        while (children.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            children = parent.children().toList();
        }
        assertThat(children).hasSize(count);
        return children;
    }

    private static ResourceUsage.Group group(ResourceUsage usage, String name) {
        return usage.groups().stream().filter(group -> group.name().equals(name)).findFirst().orElseThrow();
    }
}
