package dev.parley.bench.measure;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A group's live threads at one sample: each one's id, kind ({@link ProcStat#threadKind}), CPU time so far and times put
 * on a CPU so far (its context switches), in arrays, since a run keeps a sample a second of some 600 threads.
 */
final class Threads {

    private final long[] ids;
    private final String[] kinds;
    private final long[] nanos;
    private final long[] switches;

    private Threads(long[] ids, String[] kinds, long[] nanos, long[] switches) {
        this.ids = ids;
        this.kinds = kinds;
        this.nanos = nanos;
        this.switches = switches;
    }

    /** What a group's threads did between two samples, summed thread by thread. */
    record Between(long switches, Map<String, Long> nanosByKind) {
    }

    /**
     * Thread by thread from {@code earlier} to this: a thread seen in both counts its difference, one started since counts
     * all of it, one that ended since counts nothing (/proc keeps nothing of it). A group's total never drops when a busy
     * thread ends — a PostgreSQL backend, an autovacuum worker — as a difference of the totals did.
     */
    Between since(Threads earlier) {
        Map<Long, Integer> before = new HashMap<>(earlier.ids.length * 2);
        for (int i = 0; i < earlier.ids.length; i++) {
            before.put(earlier.ids[i], i);
        }
        long switchCount = 0;
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            Integer then = before.get(ids[i]);
            // an id taken by a new thread since (its counts below the old one's) started in the window too
            boolean same = then != null && earlier.kinds[then].equals(kinds[i]) && earlier.nanos[then] <= nanos[i]
                    && earlier.switches[then] <= switches[i];
            switchCount += same ? switches[i] - earlier.switches[then] : switches[i];
            byKind.merge(kinds[i], same ? nanos[i] - earlier.nanos[then] : nanos[i], Long::sum);
        }
        return new Between(switchCount, byKind);
    }

    /** Collects one sample's threads. */
    static final class Builder {

        private long[] ids = new long[64];
        private String[] kinds = new String[64];
        private long[] nanos = new long[64];
        private long[] switches = new long[64];
        private int count;

        void add(long id, String kind, long cpuNanos, long switchCount) {
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
                kinds = Arrays.copyOf(kinds, count * 2);
                nanos = Arrays.copyOf(nanos, count * 2);
                switches = Arrays.copyOf(switches, count * 2);
            }
            ids[count] = id;
            kinds[count] = kind;
            nanos[count] = cpuNanos;
            switches[count] = switchCount;
            count++;
        }

        Threads build() {
            return new Threads(Arrays.copyOf(ids, count), Arrays.copyOf(kinds, count), Arrays.copyOf(nanos, count),
                    Arrays.copyOf(switches, count));
        }
    }
}
