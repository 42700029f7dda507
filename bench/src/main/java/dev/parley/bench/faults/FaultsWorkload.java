package dev.parley.bench.faults;

import dev.parley.bench.BenchContext;
import dev.parley.bench.BenchOptions;
import dev.parley.bench.RunRecorder;
import dev.parley.bench.WebSocketEntry;
import dev.parley.bench.Workload;
import dev.parley.bench.api.BenchUser;
import dev.parley.bench.api.BenchUsers;
import dev.parley.bench.api.ParleyApi;
import dev.parley.bench.chat.RoomSetup;
import dev.parley.bench.report.BenchResult;
import dev.parley.bench.report.Progress;
import dev.parley.bench.ws.WsClient;
import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.infra.launcher.Replica;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ./parley bench faults}: chat load through the public entry by well-behaved clients while each
 * component in turn is killed -9 and started again, and then each in turn frozen with SIGSTOP and resumed
 * ({@code freeze:<name>}; {@code --faults} chooses);
 * then, once everything written is acknowledged and received, the proof from the history and every client's
 * ledger that nothing was lost, duplicated or skipped, and how long each fault took until every client was live
 * again (docs/reliability.md).
 */
public final class FaultsWorkload implements Workload {

    @Override
    public BenchResult run(BenchContext context) throws Exception {
        BenchOptions options = context.options();
        int rooms = options.integer("rooms", 10);
        int members = options.integer("members", 3);
        double rate = options.decimal("rate", 3);
        boolean second = options.flag("second-instances");
        List<FaultTarget> targets = FaultTarget.parse(options.string("faults", FaultTarget.defaults(second)));
        Duration warmUp = options.duration("warmup", Duration.ofSeconds(10));
        Duration drain = options.duration("drain", Duration.ofSeconds(90));
        Platform platform = context.platform();
        Progress progress = context.progress();
        List<Replica> started = new ArrayList<>();
        Thread stopReplicas = new Thread(() -> started.forEach(platform::stop));
        Runtime.getRuntime().addShutdownHook(stopReplicas);
        ParleyApi api = context.api();
        RoomSetup roomSetup = new RoomSetup(api);
        try (RunRecorder recorder = new RunRecorder(context, "faults: kill -9 and SIGSTOP of components under chat load")) {
            if (second) {
                startSecondInstances(platform, started);
            }
            List<BenchUser> users = context.users(api, rooms * members);
            List<List<BenchUser>> byRoom = new ArrayList<>();
            for (int room = 0; room < rooms; room++) {
                byRoom.add(users.subList(room * members, (room + 1) * members));
            }
            progress.say("  creating " + rooms + " rooms of " + members + " members");
            List<String> roomIds = roomSetup.create("faults", byRoom);
            List<WebSocketEntry> entries = second ? List.of(context.webSocket(), context.webSocket(FaultClients.SECOND))
                    : List.of(context.webSocket());
            recorder.entry(entries);
            try (WsClient ws = context.client();
                 FaultClients clients = FaultClients.open(context, api, ws, byRoom, roomIds, entries)) {
                long origin = System.nanoTime();
                clients.awaitAllLive(Duration.ofSeconds(60));
                FaultRounds rounds = new FaultRounds(platform, clients.all(), progress,
                        options.duration("down", Duration.ofSeconds(5)),
                        options.duration("frozen", Duration.ofSeconds(15)),
                        new NewRequestsDuringFreeze(api.baseUrl(), entries.getFirst().uri(), roomIds.getFirst(),
                                () -> BenchUsers.logInAgain(api, byRoom.getFirst().getFirst().username()),
                                options.duration("freeze-grace", Duration.ofSeconds(35))),
                        options.duration("live-timeout", Duration.ofSeconds(120)),
                        options.duration("settle", Duration.ofSeconds(5)), origin);
                Thread restore = new Thread(rounds::restoreIfDown);
                Runtime.getRuntime().addShutdownHook(restore);
                List<FaultRecord> faults = new ArrayList<>();
                progress.say(String.format("  %d clients writing %.1f msgs/s per room; %d s of load, then %d faults: %s",
                        clients.all().size(), rate, warmUp.toSeconds(), targets.size(),
                        targets.stream().map(FaultTarget::name).toList()));
                try (SteadyWriters writers = new SteadyWriters(clients.all(), rate / members);
                     AutoCloseable ticker = Progress.everySecond(() -> progress.status(clients.status(origin)))) {
                    FaultRounds.sleep(warmUp.toMillis());
                    for (FaultTarget target : targets) {
                        faults.add(rounds.run(target));
                    }
                } finally {
                    Runtime.getRuntime().removeShutdownHook(restore);
                    restore.run(); // a restart that failed gets one more try: leave the platform whole
                }
                progress.say("  stopped writing; waiting (at most " + drain.toSeconds()
                        + " s) until every send is acked and every client caught up");
                clients.drain(drain);
                List<ClientReport> reports = clients.reports();
                HistoryAudit.Findings audit = HistoryAudit.audit(readHistories(api, roomIds, byRoom),
                        reports.stream().map(r -> new HistoryAudit.ClientSends(r.identity().label(),
                                r.identity().user().id(), r.identity().roomId(), r.sends())).toList());
                Map<String, Boolean> health = health(platform, started);
                FaultChecks.record(recorder, faults, reports, audit, health);
                report(recorder, progress, faults, reports, audit);
            }
            recorder.detail("secondInstancesStartedForTheRun", started.stream().map(Replica::spec).toList());
            try {
                roomSetup.delete(roomIds, byRoom);
            } catch (RuntimeException e) {
                progress.say("  (could not delete every room of the run: " + e.getMessage() + ")");
            }
            return recorder.result();
        } finally {
            started.forEach(platform::stop);
            started.clear();
            Runtime.getRuntime().removeShutdownHook(stopReplicas);
        }
    }

    private static void startSecondInstances(Platform platform, List<Replica> started) {
        for (Replica replica : FaultTarget.SECOND_INSTANCES) {
            if (!platform.runningReplicas().contains(replica)) {
                platform.start(replica);
                started.add(replica);
            }
        }
    }

    /** Each room's whole history, paged over HTTP as its owner; retried while the API is still coming back. */
    private static Map<String, List<ParleyApi.StoredMessage>> readHistories(ParleyApi api, List<String> roomIds,
                                                                            List<List<BenchUser>> byRoom) {
        Map<String, List<ParleyApi.StoredMessage>> histories = new LinkedHashMap<>();
        for (int room = 0; room < roomIds.size(); room++) {
            String roomId = roomIds.get(room);
            for (int attempt = 1; ; attempt++) {
                List<ParleyApi.StoredMessage> messages = new ArrayList<>();
                try {
                    String token = BenchUsers.logInAgain(api, byRoom.get(room).getFirst().username());
                    HistoryPaging.readAfter(0, Long.MAX_VALUE, (after, limit) -> api.messagesAfter(roomId, after, limit,
                            token), messages::add);
                    histories.put(roomId, messages);
                    break;
                } catch (RuntimeException e) {
                    if (attempt == 5) {
                        throw e;
                    }
                    FaultRounds.sleep(2000);
                }
            }
        }
        return histories;
    }

    private static Map<String, Boolean> health(Platform platform, List<Replica> started) {
        Map<String, Boolean> health = new LinkedHashMap<>();
        Arrays.stream(Component.values()).forEach(c -> health.put(c.id(), platform.isReady(c)));
        platform.runningReplicas().forEach(r -> health.put(r.spec(), platform.isReady(r)));
        started.stream().filter(r -> !health.containsKey(r.spec())).forEach(r -> health.put(r.spec(), false));
        return health;
    }

    private static void report(RunRecorder recorder, Progress progress, List<FaultRecord> faults,
                               List<ClientReport> reports, HistoryAudit.Findings audit) {
        recorder.detail("faults", faults.stream().map(FaultRecord::row).toList());
        recorder.detail("newRequestsDuringFreezes", faults.stream().filter(f -> !f.newRequests().isEmpty())
                .collect(Collectors.toMap(f -> "%s at %.0f s".formatted(f.target(), f.killedAtSeconds()),
                        f -> f.newRequests().stream().map(Object::toString).toList(), (a, b) -> a, LinkedHashMap::new)));
        recorder.detail("closes", FaultChecks.allCloses(reports));
        recorder.detail("stored", audit.stored());
        recorder.detail("clients", reports.stream().map(r -> FaultChecks.row(r, audit)).toList());
        audit.evidence().forEach(recorder::note);
        reports.forEach(r -> r.evidence().forEach(recorder::note));
        progress.say("");
        progress.say("  recovery per fault (from the kill, or the freeze):");
        progress.say(String.format("    %-24s %10s %22s", "killed (or frozen)", "ready", "every client live"));
        for (FaultRecord fault : faults) {
            progress.say(String.format("    %-24s %9.1fs %22s%s", fault.target(), fault.readyAfterMillis() / 1000.0,
                    fault.liveAfterMillis() < 0 ? "not all (" + fault.clientsLive() + "/" + fault.clients() + ")"
                            : String.format("%.1fs", fault.liveAfterMillis() / 1000.0),
                    fault.failure() == null ? "" : "  " + fault.failure()));
        }
    }
}
