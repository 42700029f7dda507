package dev.parley.bench.faults;

import dev.parley.bench.BenchContext;
import dev.parley.bench.BenchOptions;
import dev.parley.bench.WebSocketEntry;
import dev.parley.bench.api.BenchUser;
import dev.parley.bench.api.ParleyApi;
import dev.parley.bench.ws.WsClient;
import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Replica;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The run's clients, one per user, each on a virtual thread of its own. With second instances the last
 * member of every room connects straight to ws-gateway#2 (its label says so); everyone else through the
 * public entry.
 */
final class FaultClients implements AutoCloseable {

    static final Replica SECOND = new Replica(Component.WS_GATEWAY, 2);

    private final List<FaultClient> clients = new ArrayList<>();
    private final List<ClientLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /** @param entries the entry everyone uses, then — with second instances — ws-gateway#2's, for the last members */
    static FaultClients open(BenchContext context, ParleyApi api, WsClient ws, List<List<BenchUser>> byRoom,
                             List<String> roomIds, List<WebSocketEntry> entries) {
        BenchOptions options = context.options();
        WebSocketEntry edge = entries.getFirst();
        String edgePeer = edge.socketPeer();
        boolean secondInstances = entries.size() > 1;
        double perSecond = options.decimal("sends-per-second", 10);
        int burst = options.integer("send-burst", 20);
        Duration min = options.duration("backoff-min", Duration.ofMillis(100));
        Duration max = options.duration("backoff-max", Duration.ofSeconds(2));
        Duration ackTimeout = options.duration("ack-timeout", Duration.ofSeconds(30));
        Random random = new Random(42);
        FaultClients opened = new FaultClients();
        for (int room = 0; room < byRoom.size(); room++) {
            List<BenchUser> members = byRoom.get(room);
            for (int m = 0; m < members.size(); m++) {
                boolean direct = secondInstances && m == members.size() - 1;
                ClientIdentity identity = new ClientIdentity(opened.clients.size(), members.get(m), room, roomIds.get(room),
                        direct ? entries.get(1).uri() : edge.uri(), direct ? SECOND.spec() : edgePeer);
                FaultClient client = new FaultClient(identity, new SendAllowance(perSecond, burst, System.nanoTime()),
                        new Backoff(min, max, new Random(random.nextLong())));
                ClientLoop loop = new ClientLoop(client, ws, api, new Backoff(min, max, new Random(random.nextLong())),
                        ackTimeout);
                Thread thread = Thread.ofVirtual().name("faults-" + identity.label()).unstarted(loop);
                client.loop(thread);
                opened.clients.add(client);
                opened.loops.add(loop);
                opened.threads.add(thread);
            }
        }
        context.progress().say("  connecting " + opened.clients.size() + " clients to " + edge.uri()
                + (secondInstances ? " (the last member of each room to " + entries.get(1).uri() + ")" : ""));
        opened.threads.forEach(Thread::start);
        return opened;
    }

    List<FaultClient> all() {
        return clients;
    }

    /** Before the load: every client connected and subscribed. */
    void awaitAllLive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!clients.stream().allMatch(FaultClient::isLive)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every client connected and subscribed within " + timeout.toSeconds()
                        + " s: " + clients.stream().filter(c -> !c.isLive()).map(c -> c.identity.label()).toList());
            }
            FaultRounds.sleep(100);
        }
    }

    /** After the load: waits until every send is acked and every client has its room up to the last acked seq. */
    void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !drained()) {
            FaultRounds.sleep(200);
        }
    }

    private boolean drained() {
        Map<String, Long> heads = clients.stream().collect(Collectors.toMap(c -> c.identity.roomId(),
                FaultClient::maxAckedSeq, Math::max));
        return clients.stream().allMatch(c -> c.unacked() == 0 && c.isLive()
                && c.contiguous() >= heads.get(c.identity.roomId()));
    }

    List<ClientReport> reports() {
        return clients.stream().map(FaultClient::report).toList();
    }

    /** The progress line: clients live, sends not yet acked, closes so far. */
    String status(long originNanos) {
        long live = clients.stream().filter(FaultClient::isLive).count();
        long unacked = clients.stream().mapToLong(FaultClient::unacked).sum();
        return String.format("  %4.0f s  clients subscribed %d/%d  unacked %d", (System.nanoTime() - originNanos) / 1e9,
                live, clients.size(), unacked);
    }

    /** Stops every client's loop; each closes its connection normally. */
    @Override
    public void close() {
        loops.forEach(ClientLoop::stop);
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
