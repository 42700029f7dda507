package dev.parley.bench.faults;

import dev.parley.bench.RunRecorder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The workload's bar: what the history, every client's ledger and feed, and the platform's health must show. */
final class FaultChecks {

    static final String NEW_REQUESTS_DURING_A_FREEZE = "new requests during a freeze succeed unless they need what is frozen";

    private FaultChecks() {
    }

    static void record(RunRecorder recorder, List<FaultRecord> faults, List<ClientReport> clients,
                       HistoryAudit.Findings audit, Map<String, Boolean> health) {
        long failedFaults = faults.stream().filter(f -> f.failure() != null).count();
        recorder.check("faults injected", "every kill -9 and restart (freeze and thaw) done", (faults.size() - failedFaults) + " of "
                + faults.size(), failedFaults == 0 && !faults.isEmpty());
        long worst = faults.stream().mapToLong(FaultRecord::liveAfterMillis).max().orElse(-1);
        long notLive = faults.stream().filter(f -> !f.everyClientLive()).count();
        recorder.check("every client live again after each fault", "all, every fault", notLive == 0
                ? String.format("all; slowest %.1f s after its kill (or freeze)", worst / 1000.0)
                : notLive + " fault(s) left clients not live", notLive == 0 && !faults.isEmpty());
        List<FaultRecord> freezes = faults.stream().filter(f -> !f.newRequests().isEmpty()).toList();
        if (faults.stream().anyMatch(f -> f.target().startsWith(FaultTarget.FREEZE))) {
            List<FaultRecord> wrong = freezes.stream().filter(f -> !f.newRequestsAnsweredRight()).toList();
            recorder.check(NEW_REQUESTS_DURING_A_FREEZE,
                    "every one its success; 503/504 problem+json only where it needs the frozen process",
                    freezes.isEmpty() ? "none made" : wrong.isEmpty() ? "all, in " + freezes.size() + " freeze(s)"
                            : wrong.stream().map(f -> f.target() + ": " + f.newRequestsSummary())
                            .collect(Collectors.joining("; ")), !freezes.isEmpty() && wrong.isEmpty());
        }
        recorder.check("acknowledged messages lost", "0", audit.lost() + " of " + audit.acked() + " acked",
                audit.lost() == 0 && audit.acked() > 0);
        recorder.check("duplicates (sender+room+clientMsgId)", "0", Long.toString(audit.duplicates()),
                audit.duplicates() == 0);
        recorder.check("history gap-free (seq 1..head per room)", "0 missing", audit.gaps() + " missing of "
                + audit.stored() + " stored", audit.gaps() == 0);
        long conflicting = clients.stream().mapToLong(ClientReport::conflictingAcks).sum();
        recorder.check("acks name the stored seq and messageId", "0 mismatches", audit.ackMismatches()
                + " mismatched, " + conflicting + " conflicting second acks", audit.ackMismatches() == 0 && conflicting == 0);
        recorder.check("every send acknowledged", "all", (audit.acked()) + " of " + (audit.acked() + audit.unacked())
                + (audit.unacked() > 0 ? " (" + audit.storedUnacked() + " of the unacked are stored)" : ""),
                audit.unacked() == 0 && audit.acked() > 0);
        long gaps = clients.stream().mapToLong(ClientReport::gaps).sum();
        long duplicates = clients.stream().mapToLong(ClientReport::duplicates).sum();
        int subscriptions = clients.stream().mapToInt(ClientReport::subscriptions).sum();
        recorder.check("no gap or duplicate within a subscription", "0 / 0", gaps + " gaps ("
                + clients.stream().mapToLong(ClientReport::missingInGaps).sum() + " seqs) / " + duplicates
                + " duplicates over " + subscriptions + " subscriptions", gaps == 0 && duplicates == 0);
        long behind = clients.stream().filter(c -> !caughtUp(c, audit)).count();
        recorder.check("every subscriber caught up, merged view gap-free", "all " + clients.size(), behind == 0
                ? "all " + clients.size() : behind + " behind, with a hole, or not subscribed", behind == 0);
        Map<String, Long> unexpected = unexpectedCloses(clients);
        recorder.check("close codes the contract lists (no 4008)", "none other", unexpected.isEmpty() ? "none other"
                : unexpected.toString(), unexpected.isEmpty());
        List<String> unhealthy = health.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        recorder.check("every component healthy at the end", "all " + health.size(), unhealthy.isEmpty()
                ? "all " + health.size() : "not: " + unhealthy, unhealthy.isEmpty());
    }

    static boolean caughtUp(ClientReport client, HistoryAudit.Findings audit) {
        long head = audit.headSeqs().getOrDefault(client.identity().roomId(), -1L);
        return client.subscribed() && !client.hole() && client.contiguous() == head;
    }

    /** Closes the contract does not allow for this client, as "code during fault (verdict)" → count. */
    static Map<String, Long> unexpectedCloses(List<ClientReport> clients) {
        Map<String, Long> unexpected = new TreeMap<>();
        for (ClientReport client : clients) {
            for (ClientIncidents.Close close : client.closes()) {
                var verdict = CloseCodes.judge(close.code(), close.duringFault().equals(client.identity().peer()));
                if (verdict != CloseCodes.Verdict.EXPECTED) {
                    unexpected.merge(CloseCodes.describe(close.code()) + " via " + client.identity().peer() + " during "
                            + close.duringFault() + " (" + verdict + ")", 1L, Long::sum);
                }
            }
        }
        return unexpected;
    }

    /** Every close, as "code via peer during fault" → count. */
    static Map<String, Long> allCloses(List<ClientReport> clients) {
        Map<String, Long> all = new TreeMap<>();
        clients.forEach(client -> client.closes().forEach(close -> all.merge(CloseCodes.describe(close.code()) + " via "
                + client.identity().peer() + " during " + close.duringFault() + " — " + close.reason(), 1L, Long::sum)));
        return all;
    }

    static Map<String, Object> row(ClientReport client, HistoryAudit.Findings audit) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("client", client.identity().label());
        row.put("sent", client.sent());
        row.put("unacked", client.unacked());
        row.put("connections", client.connections());
        row.put("subscriptions", client.subscriptions());
        row.put("gaps / dups", client.gaps() + " / " + client.duplicates());
        row.put("contiguous / head", client.contiguous() + " / " + audit.headSeqs().get(client.identity().roomId()));
        row.put("rate_limited", client.rateLimited());
        row.put("resent on ack timeout", client.overdueResends());
        row.put("closes", client.closes().size());
        row.put("errors", client.errors().isEmpty() ? "" : client.errors().toString());
        return row;
    }
}
