package dev.parley.bench.faults;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The users typing: each client writes a message every {@code 1/perClient} seconds, spread evenly over
 * the interval, whether or not it is connected — a client that is cut off keeps what its user writes in
 * its ledger and sends it on reconnect.
 */
final class SteadyWriters implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "faults-writers");
        thread.setDaemon(true);
        return thread;
    });

    SteadyWriters(List<FaultClient> clients, double perClientPerSecond) {
        long intervalMicros = Math.round(1_000_000 / perClientPerSecond);
        for (int i = 0; i < clients.size(); i++) {
            FaultClient client = clients.get(i);
            timer.scheduleAtFixedRate(() -> client.write(System.nanoTime()), intervalMicros * i / clients.size(),
                    intervalMicros, TimeUnit.MICROSECONDS);
        }
    }

    /** Stops writing: the run's end waits for what was written to be acknowledged. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
