package dev.parley.bench.idle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** The worker processes of W2, started with the bench's own JVM and classpath, and what they report. */
final class IdleWorkers implements AutoCloseable {

    /** How long after they are started the workers begin to open connections: time for their JVMs to start. */
    static final Duration START_DELAY = Duration.ofSeconds(4);

    private final List<Worker> workers = new ArrayList<>();

    /** Totals over the workers' latest status lines. */
    /** @param upgradeRetries upgrades answered 503 and opened again */
    record Totals(int attempted, int ready, int open, long pongs, int closedByServer, String closes,
                  int upgradeRetries) {
    }

    IdleWorkers(int count, URI endpoint, Path tokens, int perUser, int target, double rate, String sourceAddresses,
                int threads) throws IOException {
        long startAt = System.currentTimeMillis() + START_DELAY.toMillis();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < count; i++) {
            List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    IdleWorker.class.getName(), endpoint.toString(), tokens.toString(), Integer.toString(perUser),
                    Integer.toString(target), Double.toString(rate), Long.toString(startAt), Integer.toString(i),
                    Integer.toString(count), sourceAddresses, Integer.toString(threads)));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            workers.add(new Worker(i, process));
        }
    }

    /** Waits until every worker finished opening; the first failure anywhere stops them all. */
    void awaitRamp(Runnable everySecond) throws InterruptedException {
        boolean stopSent = false;
        while (!workers.stream().allMatch(w -> w.rampDone || !w.process.isAlive())) {
            if (!stopSent && firstFailure() != null) {
                workers.forEach(w -> w.tell("stop"));
                stopSent = true;
            }
            everySecond.run();
            TimeUnit.SECONDS.sleep(1);
        }
    }

    String firstFailure() {
        for (Worker worker : workers) {
            if (worker.failure != null) {
                return worker.failure;
            }
            if (!worker.process.isAlive() && !worker.closed) {
                return "bench worker " + worker.index + " exited with code " + worker.process.exitValue();
            }
        }
        return null;
    }

    Totals totals() {
        int attempted = 0;
        int ready = 0;
        int open = 0;
        long pongs = 0;
        int closed = 0;
        int upgradeRetries = 0;
        StringBuilder closes = new StringBuilder();
        for (Worker worker : workers) {
            String[] status = worker.status;
            if (status.length >= 7) {
                attempted += Integer.parseInt(status[1]);
                ready += Integer.parseInt(status[2]);
                open += Integer.parseInt(status[3]);
                pongs += Long.parseLong(status[4]);
                closed += Integer.parseInt(status[5]);
                if (!status[6].equals("{}")) {
                    closes.append(status[6]);
                }
            }
            if (status.length >= 8) {
                upgradeRetries += Integer.parseInt(status[7]);
            }
        }
        return new Totals(attempted, ready, open, pongs, closed, closes.isEmpty() ? "{}" : closes.toString(),
                upgradeRetries);
    }

    /** Tells every worker to close its connections, then merges their connect→ready histograms. */
    Histogram closeAll() throws InterruptedException {
        workers.forEach(w -> w.tell("close"));
        Histogram merged = new Histogram(3);
        for (Worker worker : workers) {
            worker.process.waitFor(90, TimeUnit.SECONDS);
            if (worker.histogram != null) {
                merged.add(worker.histogram);
            }
        }
        return merged;
    }

    @Override
    public void close() {
        workers.forEach(w -> w.process.destroy());
    }

    private static final class Worker {

        private final int index;
        private final Process process;
        private final OutputStream commands;
        private volatile String[] status = new String[0];
        private volatile boolean rampDone;
        private volatile boolean closed;
        private volatile String failure;
        private volatile Histogram histogram;

        Worker(int index, Process process) {
            this.index = index;
            this.process = process;
            this.commands = process.getOutputStream();
            Thread.ofPlatform().daemon().name("bench-worker-" + index).start(this::read);
        }

        void tell(String command) {
            try {
                commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
                commands.flush();
            } catch (IOException e) {
                // the worker is gone; its exit is reported as a failure
            }
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("status ")) {
                        status = line.split(" ");
                    } else if (line.startsWith("failure ")) {
                        failure = line.substring("failure ".length());
                    } else if (line.startsWith("ramp-done")) {
                        rampDone = true;
                        String text = line.substring("ramp-done".length()).strip();
                        if (!text.isEmpty() && failure == null) {
                            failure = text;
                        }
                    } else if (line.startsWith("histogram ")) {
                        histogram = Histogram.decodeFromCompressedByteBuffer(
                                ByteBuffer.wrap(Base64.getDecoder().decode(line.substring("histogram ".length()))), 0);
                    } else if (line.equals("closed")) {
                        closed = true;
                    }
                }
            } catch (IOException | DataFormatException e) {
                failure = failure == null ? "bench worker " + index + ": " + e : failure;
            }
        }
    }
}
