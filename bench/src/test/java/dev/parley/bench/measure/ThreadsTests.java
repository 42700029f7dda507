package dev.parley.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A group's threads between two samples are counted thread by thread, so a busy thread that ends takes only itself. */
class ThreadsTests {

    @Test
    void aThreadSeenTwiceCountsItsDifferenceANewOneAllOfItAndOneThatEndedNothing() {
        Threads.Builder earlier = new Threads.Builder();
        earlier.add(1, "postgres", 1_000, 100);
        earlier.add(2, "postgres", 900_000, 50_000); // a busy backend that ends before the next sample
        earlier.add(3, "messages-*-C-*", 5_000, 10);
        Threads.Builder later = new Threads.Builder();
        later.add(1, "postgres", 3_000, 130);
        later.add(3, "messages-*-C-*", 9_000, 15);
        later.add(4, "postgres", 700, 7); // started in the window

        Threads.Between between = later.build().since(earlier.build());

        assertThat(between.switches()).isEqualTo(30 + 5 + 7);
        assertThat(between.nanosByKind()).containsEntry("postgres", 2_000L + 700L).containsEntry("messages-*-C-*", 4_000L);
    }

    @Test
    void anIdTakenByANewThreadCountsAsANewThread() {
        Threads.Builder earlier = new Threads.Builder();
        earlier.add(7, "autovacuum work", 50_000, 500);
        Threads.Builder later = new Threads.Builder();
        later.add(7, "postgres", 2_000, 20);

        Threads.Between between = later.build().since(earlier.build());

        assertThat(between.switches()).isEqualTo(20);
        assertThat(between.nanosByKind()).containsOnlyKeys("postgres").containsEntry("postgres", 2_000L);
    }

    @Test
    void manyThreadsGrowTheBuilder() {
        Threads.Builder earlier = new Threads.Builder();
        Threads.Builder later = new Threads.Builder();
        for (int id = 0; id < 1_000; id++) {
            earlier.add(id, "worker-*", id, 1);
            later.add(id, "worker-*", id + 10L, 3);
        }

        Threads.Between between = later.build().since(earlier.build());

        assertThat(between.switches()).isEqualTo(2_000);
        assertThat(between.nanosByKind()).containsEntry("worker-*", 10_000L);
    }
}
