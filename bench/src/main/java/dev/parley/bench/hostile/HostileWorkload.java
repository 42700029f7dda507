package dev.parley.bench.hostile;

import dev.parley.bench.BenchContext;
import dev.parley.bench.BenchOptions;
import dev.parley.bench.RunRecorder;
import dev.parley.bench.WebSocketEntry;
import dev.parley.bench.Workload;
import dev.parley.bench.api.BenchUser;
import dev.parley.bench.api.BenchUsers;
import dev.parley.bench.api.ParleyApi;
import dev.parley.bench.report.BenchResult;
import dev.parley.bench.report.LatencySummary;
import dev.parley.bench.report.Progress;
import dev.parley.bench.ws.SourceAddresses;
import dev.parley.bench.ws.WsClient;
import dev.parley.infra.launcher.Component;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code ./parley bench hostile}: fuzzed HTTP requests and WebSocket frames through the public entry, and
 * the floods each edge protection exists for, while a legitimate user chats beside them. It passes when no
 * answer is a 5xx or an error without a problem body, no connection closes with a code the contract does
 * not give for what was done, every protection answered as the contract says, no platform process crashed,
 * and the legitimate user's sends were all acknowledged with p99 under 200 ms (docs/security.md).
 */
public final class HostileWorkload implements Workload {

    private static final int HOSTILE_USERS = 4;
    private static final Duration HOSTILE_WARM_UP = Duration.ofSeconds(120);
    /** The receive buffer of a member that stops reading: small, so that its socket fills in seconds. */
    private static final int STALLED_RECEIVE_BUFFER = 8 * 1024;

    @Override
    public BenchResult run(BenchContext context) throws Exception {
        BenchOptions options = context.options();
        int httpRequests = options.integer("http-requests", 10_000);
        double httpRate = options.decimal("http-rate", 80);
        int wsFrames = options.integer("ws-frames", 10_000);
        int connectionsPerUser = options.integer("ws-connections-per-user", 6);
        double frameRate = options.decimal("frame-rate", 4);
        double legitRate = options.decimal("rate", 5);
        Duration floodGap = options.duration("flood-gap", Duration.ofSeconds(8));
        Duration resumeFlood = options.duration("resume-flood", Duration.ofSeconds(10));
        long seed = options.integer("seed", ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
        Progress progress = context.progress();
        ParleyApi api = context.api();
        Addresses addresses = new Addresses(ThreadLocalRandom.current().nextInt(1, 250));
        WebSocketEntry entry = context.webSocket();
        URI endpoint = entry.uri();
        Tally tally = new Tally();
        try (RunRecorder recorder = new RunRecorder(context, "hostile: fuzzed and flooding clients beside a legitimate one")) {
            recorder.entry(List.of(entry));
            progress.say("  seed " + seed + " (--seed replays the same fuzz)");
            String prefix = "hostile" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
            List<BenchUser> users = new BenchUsers(api, prefix, null, 4).obtain(2 + HOSTILE_USERS + 14, progress::say);
            BenchUser writer = users.get(0);
            BenchUser reader = users.get(1);
            List<BenchUser> attackers = users.subList(2, 2 + HOSTILE_USERS);
            List<BenchUser> flooders = users.subList(2 + HOSTILE_USERS, users.size());
            Map<String, BenchUser> rooms = new LinkedHashMap<>();
            String legitRoom = room(api, writer, List.of(reader), rooms);
            String attackRoom = room(api, attackers.getFirst(), attackers.subList(1, attackers.size()), rooms);
            Map<String, Long> pids = pids(context);

            try (WsClient legitWs = new WsClient(1, SourceAddresses.parse("127.0.0.2"));
                 WsClient attackWs = new WsClient(1, SourceAddresses.parse(addresses.range(200, 203)));
                 LegitChat legit = new LegitChat(tally, legitRoom);
                 FrameAttack frames = new FrameAttack(attackWs, endpoint, tally);
                 HttpAttack http = new HttpAttack(api.baseUrl(), addresses.list(1, 8), 16, tally)) {
                legit.start(legitWs, endpoint, writer.token(), reader.token(), legitRate);
                progress.say(String.format("  a legitimate user sends %.0f/s; %d fuzzed requests (%.0f/s) and %d fuzzed "
                        + "frames (%d connections, %.0f/s each) begin, and the floods one after another", legitRate,
                        httpRequests, httpRate, wsFrames, attackers.size() * connectionsPerUser, frameRate));
                List<String> tokens = new ArrayList<>();
                List<FuzzedFrames> generators = new ArrayList<>();
                for (int i = 0; i < attackers.size() * connectionsPerUser; i++) {
                    tokens.add(attackers.get(i % attackers.size()).token());
                    generators.add(new FuzzedFrames(seed + i, attackRoom, legitRoom));
                }
                frames.start(tokens, generators, frameRate);
                BenchUser target = attackers.getFirst();
                FuzzedRequests requests = new FuzzedRequests(seed, new FuzzedRequests.Targets(attackRoom, legitRoom,
                        target.id(), writer.id(), target.token()));
                // a thread of its own: on 2 cores the common pool has one thread, which the HTTP client's own stages need
                CompletableFuture<Void> httpDone = new CompletableFuture<>();
                Thread.ofPlatform().name("http-attack").daemon().start(() -> {
                    try {
                        http.run(requests, httpRequests, httpRate);
                        httpDone.complete(null);
                    } catch (Throwable e) {
                        httpDone.completeExceptionally(e);
                    }
                });
                long origin = System.nanoTime();
                try (AutoCloseable ticker = Progress.everySecond(() -> {
                    legit.acks().tick((System.nanoTime() - origin) / 1e9);
                    progress.status(String.format("http %d/%d, frames %d/%d, legit %d sent %d acked", http.sent(),
                            httpRequests, frames.sent(), wsFrames, legit.sent(), legit.acked()));
                })) {
                    // A fresh platform's JVMs are still compiling: the fuzz runs, unmeasured, until they are done.
                    // It reaches every route and error path, far more code than chat: after a fresh start the
                    // legitimate user's p99 stayed over 200 ms for ~95 s of it. So at least 120 s, then on while
                    // a platform JVM still compiles, as for W1.
                    context.platformWarmUpUntilCompiled(HOSTILE_WARM_UP)
                            .run((sent, slice) -> Thread.sleep(slice.toMillis()));
                    context.platformLoaded();
                    legit.measureFromNow();
                    List<Floods.Outcome> floods = floods(new Floods(api.baseUrl(), endpoint, tally), addresses,
                            flooders, attackWs, legitRoom, rooms, api, progress, origin, floodGap, resumeFlood);
                    httpDone.join();
                    while (frames.sent() < wsFrames) {
                        Thread.sleep(200);
                    }
                    frames.close();
                    legit.finish(Duration.ofSeconds(10));
                    record(recorder, context, tally, legit, floods, pids, http.sent(), httpRequests, frames.sent(), wsFrames);
                }
            }
            for (Map.Entry<String, BenchUser> room : rooms.entrySet()) {
                try {
                    api.deleteRoom(room.getKey(), BenchUsers.logInAgain(api, room.getValue().username()));
                } catch (RuntimeException e) {
                    progress.say("  (could not delete room " + room.getKey() + ": " + e.getMessage() + ")");
                }
            }
            return recorder.result();
        }
    }

    private static List<Floods.Outcome> floods(Floods floods, Addresses addresses, List<BenchUser> flooders, WsClient ws,
                                               String legitRoom, Map<String, BenchUser> rooms, ParleyApi api,
                                               Progress progress, long origin, Duration gap, Duration resumeFlood)
            throws Exception {
        List<Floods.Outcome> outcomes = new ArrayList<>();
        List<String> created = new ArrayList<>();
        BenchUser roomFlooder = flooders.get(0);
        String floodRoom = room(api, flooders.get(1), List.of(), rooms);
        String wsFloodRoom = room(api, flooders.get(2), List.of(), rooms);
        String replayRoom = room(api, flooders.get(8), List.of(), rooms);
        String stallRoom = room(api, flooders.get(9), List.of(flooders.get(10), flooders.get(11)), rooms);
        String longRoom = room(api, flooders.get(12), List.of(flooders.get(13)), rooms);
        flood(outcomes, progress, origin, gap, () -> floods.registrations(addresses.at(20)));
        flood(outcomes, progress, origin, gap, () -> floods.rooms(addresses.at(21), roomFlooder.token(), created));
        flood(outcomes, progress, origin, gap, () -> floods.messagePosts(addresses.at(22), flooders.get(1).token(), floodRoom));
        flood(outcomes, progress, origin, gap, () -> floods.logins(addresses.at(23), flooders.get(3).username()));
        flood(outcomes, progress, origin, gap, () -> floods.forgedKeys(addresses.at(24), flooders.get(4).token()));
        flood(outcomes, progress, origin, gap, () -> floods.hugeBodies(addresses.at(25)));
        flood(outcomes, progress, origin, gap, () -> floods.addressFlood(addresses.at(26)));
        flood(outcomes, progress, origin, gap, () -> floods.unauthenticatedConnections(addresses.at(27), 60));
        flood(outcomes, progress, origin, gap, () -> floods.slowBodies(addresses.at(29), flooders.get(5).token(), 250,
                addresses.at(30), flooders.get(4).token()));
        flood(outcomes, progress, origin, gap, () -> floods.sendFlood(ws, flooders.get(2).token(), wsFloodRoom));
        flood(outcomes, progress, origin, gap, () -> floods.readFlood(ws, flooders.get(2).token(), wsFloodRoom));
        flood(outcomes, progress, origin, gap, () -> floods.readMarkerPuts(addresses.at(28), flooders.get(1).token(), floodRoom));
        flood(outcomes, progress, origin, gap, () -> floods.subscribeFlood(ws, flooders.get(2).token(), wsFloodRoom));
        flood(outcomes, progress, origin, gap, () -> floods.replayFlood(ws, flooders.get(8).token(), replayRoom, 10, 1000,
                resumeFlood));
        flood(outcomes, progress, origin, gap, () -> floods.historyReads(addresses.at(31), flooders.get(8).token(), replayRoom,
                1000, resumeFlood));
        flood(outcomes, progress, origin, gap, () -> floods.nonMemberSends(ws, flooders.get(6).token(), legitRoom));
        flood(outcomes, progress, origin, gap, () -> floods.userConnections(ws, flooders.get(7).token(), 25));
        try (WsClient stallingWs = new WsClient(1, SourceAddresses.parse(addresses.range(210, 211)), STALLED_RECEIVE_BUFFER)) {
            flood(outcomes, progress, origin, gap, () -> floods.stalledReaders(stallingWs, ws, flooders.get(9).token(),
                    flooders.get(10).token(), flooders.get(11).token(), stallRoom, 10, Duration.ofSeconds(30)));
            flood(outcomes, progress, origin, gap, () -> floods.slowResume(stallingWs, ws, flooders.get(12).token(),
                    flooders.get(13).token(), longRoom, 1000));
        }
        for (String room : created) {
            api.deleteRoom(room, roomFlooder.token());
        }
        return outcomes;
    }

    private interface Flood {
        Floods.Outcome run() throws Exception;
    }

    /** One flood after a pause: attacks come and go; they do not all land in the same second. */
    private static void flood(List<Floods.Outcome> outcomes, Progress progress, long origin, Duration gap, Flood flood)
            throws Exception {
        Thread.sleep(gap.toMillis());
        Floods.Outcome outcome = flood.run();
        outcomes.add(outcome);
        progress.say(String.format("  %5.0f s %-4s %s: %s", (System.nanoTime() - origin) / 1e9,
                outcome.pass() ? "ok" : "FAIL", outcome.name(), outcome.measured()));
    }

    private static void record(RunRecorder recorder, BenchContext context, Tally tally, LegitChat legit,
                               List<Floods.Outcome> floods, Map<String, Long> pids, int httpSent, int httpWanted,
                               int framesSent, int framesWanted) {
        recorder.check("fuzzed HTTP requests through the edge", "≥ " + httpWanted, String.valueOf(httpSent),
                httpSent >= httpWanted);
        recorder.check("fuzzed WebSocket frames through the edge", "≥ " + framesWanted, String.valueOf(framesSent),
                framesSent >= framesWanted);
        for (String kind : List.of(HttpVerdict.SERVER_ERROR, HttpVerdict.NOT_PROBLEM, HttpVerdict.NO_RETRY_AFTER,
                HttpVerdict.NO_ANSWER, FrameAttack.UNEXPECTED_CLOSE, "legitimate user got an error")) {
            recorder.check(kind, "0", String.valueOf(tally.get(kind)), tally.get(kind) == 0);
            tally.examples(kind).forEach(example -> recorder.note(kind + ": " + example));
        }
        for (Floods.Outcome flood : floods) {
            recorder.check(flood.name(), flood.expected(), flood.measured(), flood.pass());
        }
        LatencySummary acks = LatencySummary.of(legit.acks().name(), legit.acks().phase(LegitChat.MEASURED));
        recorder.latency(acks);
        recorder.latency(LatencySummary.of(legit.acks().name() + " while the platform warmed up (not measured)",
                legit.acks().phase(LegitChat.WARM_UP)));
        recorder.timeline(legit.acks());
        recorder.check("legitimate sends acknowledged", "all " + legit.sent(), String.valueOf(legit.acked()),
                legit.sent() > 0 && legit.acked() == legit.sent());
        recorder.check("legitimate send→ack p99", "< 200 ms", String.format("%.1f ms (p50 %.1f, max %.1f)", acks.p99(),
                acks.p50(), acks.max()), acks.count() > 0 && acks.p99() < 200);
        recorder.check("legitimate connections open throughout", "both", legit.closes(), legit.bothOpen());
        recorder.check("legitimate reader got every message in order, none of others",
                legit.acked() + " received, 0 gaps, 0 foreign", legit.received() + " received, " + legit.gaps()
                        + " gaps, " + legit.foreign() + " foreign",
                legit.received() == legit.acked() && legit.gaps() == 0 && legit.foreign() == 0);
        Map<String, Long> after = pids(context);
        recorder.check("no platform process crashed or restarted", "same processes", after.equals(pids) ? "same"
                : "before " + pids + ", after " + after, after.equals(pids));
        List<String> notReady = Arrays.stream(Component.values()).filter(c -> !context.platform().isReady(c))
                .map(Component::id).toList();
        recorder.check("every component ready at the end", "all", notReady.isEmpty() ? "all" : "not: " + notReady,
                notReady.isEmpty());
        recorder.detail("answers", tally.snapshot());
        recorder.detail("floods", floods);
    }

    /** A private room of the owner's with these members; remembered (with its owner) to be deleted at the end. */
    private static String room(ParleyApi api, BenchUser owner, List<BenchUser> members, Map<String, BenchUser> rooms) {
        String room = api.createRoom("hostile " + owner.username(), owner.token());
        members.forEach(member -> api.addMember(room, member.id(), owner.token()));
        rooms.put(room, owner);
        return room;
    }

    private static Map<String, Long> pids(BenchContext context) {
        Map<String, Long> pids = new LinkedHashMap<>();
        context.platform().processes().forEach((name, process) -> pids.put(name, process.isAlive() ? process.pid() : -1));
        return pids;
    }

    /** The attackers' loopback addresses, 127.66.{run}.x: apart from the legitimate user's and from other runs'. */
    private record Addresses(int run) {

        InetAddress at(int host) {
            try {
                return InetAddress.getByAddress(new byte[] {127, 66, (byte) run, (byte) host});
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        List<InetAddress> list(int from, int to) {
            List<InetAddress> list = new ArrayList<>();
            for (int host = from; host <= to; host++) {
                list.add(at(host));
            }
            return list;
        }

        String range(int from, int to) {
            return "127.66." + run + "." + from + "-127.66." + run + "." + to;
        }
    }
}
