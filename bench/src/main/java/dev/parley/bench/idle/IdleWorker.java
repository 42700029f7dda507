package dev.parley.bench.idle;

import dev.parley.bench.ws.SourceAddresses;
import dev.parley.bench.ws.WsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A bench process holding part of W2's connections. A process may only open as many files as its
 * limit allows (often the same as the gateway's), so W2 spreads its clients over worker processes
 * and the gateway, not the bench, meets its limit first. Talks to {@link IdleWorkers} by lines:
 * it prints {@code status …}, {@code failure …}, {@code ramp-done}, {@code histogram <base64>}, {@code closed}; it reads
 * {@code stop} (stop opening) and {@code close}.
 *
 * <p>Arguments: endpoint tokensFile perUser target rate startEpochMillis offset stride sourceAddresses threads
 */
public final class IdleWorker {

    private IdleWorker() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        List<String> tokens = Files.readAllLines(Path.of(args[1]));
        int perUser = Integer.parseInt(args[2]);
        int target = Integer.parseInt(args[3]);
        double rate = Double.parseDouble(args[4]);
        long startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[5])
                - System.currentTimeMillis());
        int offset = Integer.parseInt(args[6]);
        int stride = Integer.parseInt(args[7]);
        CountDownLatch closing = new CountDownLatch(1);
        try (WsClient client = new WsClient(Integer.parseInt(args[9]), SourceAddresses.parse(args[8]))) {
            IdleConnections connections = new IdleConnections(client, endpoint, tokens, perUser);
            Thread.ofPlatform().daemon().start(() -> commands(connections, closing));
            Thread reporter = Thread.ofPlatform().daemon().start(() -> report(connections, closing));
            connections.ramp(target, rate, startNanos, offset, stride);
            say("ramp-done " + (connections.firstFailure() == null ? "" : connections.firstFailure()));
            for (long second = 0; !closing.await(1, TimeUnit.SECONDS); second++) {
                connections.heartbeat(second);
            }
            reporter.interrupt();
            say(status(connections));
            Histogram histogram = connections.connectLatencies().phase(0);
            ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
            int length = histogram.encodeIntoCompressedByteBuffer(buffer);
            say("histogram " + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
            connections.close();
        }
        say("closed");
        System.exit(0);
    }

    private static void commands(IdleConnections connections, CountDownLatch closing) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                switch (line.strip()) {
                    case "stop" -> connections.stop();
                    case "close" -> closing.countDown();
                    default -> { }
                }
            }
        } catch (java.io.IOException e) {
            // the parent went away
        }
        connections.stop();
        closing.countDown();
    }

    private static void report(IdleConnections connections, CountDownLatch closing) {
        boolean failureTold = false;
        while (closing.getCount() > 0) {
            if (!failureTold && connections.firstFailure() != null) {
                say("failure " + connections.firstFailure());
                failureTold = true;
            }
            say(status(connections));
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static String status(IdleConnections connections) {
        return "status " + connections.attempted() + " " + connections.ready() + " " + connections.openCount() + " "
                + connections.pongs() + " " + connections.closedByServer() + " " + connections.closes()
                .toString().replace(" ", "") + " " + connections.upgradeRetries();
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
