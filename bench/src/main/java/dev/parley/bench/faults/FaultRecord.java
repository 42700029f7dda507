package dev.parley.bench.faults;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One fault and how the platform and its clients came through it (times from the kill, or the freeze).
 *
 * @param readyAfterMillis until the restarted (or thawed) process was ready again (it was down, or frozen,
 *                         {@code downMillis} of it)
 * @param liveAfterMillis until the last client was live again: a fresh ack for a message it wrote after the
 *                        restart, subscribed, and caught up to that message; −1 when not every client was
 * @param slowest the client that was live last (or the first one that was not)
 * @param newRequests what new clients were answered during a freeze (none for a kill)
 * @param failure why the kill or the restart failed, or null
 */
record FaultRecord(String target, double killedAtSeconds, long downMillis, long readyAfterMillis,
                   long liveAfterMillis, int clientsLive, int clients, String slowest,
                   List<NewRequestsDuringFreeze.NewRequest> newRequests, String failure) {

    boolean everyClientLive() {
        return failure == null && clientsLive == clients;
    }

    /**
     * Whether every new request made during the freeze got its success, or a clear error when it needs the frozen
     * process.
     */
    boolean newRequestsAnsweredRight() {
        return newRequests.stream().allMatch(NewRequestsDuringFreeze.NewRequest::ok);
    }

    /**
     * "8 of 8 right (101×4, 200×4), the longest wait 14.1 s, the last answer 0.2 s after the thaw", then every one
     * that was not.
     */
    String newRequestsSummary() {
        Map<String, Long> statuses = newRequests.stream().collect(Collectors.groupingBy(
                r -> r.status() < 0 ? "none" : Integer.toString(r.status()), TreeMap::new, Collectors.counting()));
        long longest = newRequests.stream().mapToLong(NewRequestsDuringFreeze.NewRequest::waitedMillis).max().orElse(0);
        long last = newRequests.stream().mapToLong(NewRequestsDuringFreeze.NewRequest::afterThawMillis).max().orElse(0);
        List<NewRequestsDuringFreeze.NewRequest> wrong = newRequests.stream().filter(r -> !r.ok()).toList();
        return "%d of %d right (%s), the longest wait %.1f s, the last answer %.1f s after the thaw%s".formatted(
                newRequests.size() - wrong.size(), newRequests.size(), statuses.entrySet().stream()
                        .map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", ")), longest / 1000.0,
                last / 1000.0, wrong.isEmpty() ? "" : "; not: " + wrong);
    }

    Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("killed", target);
        row.put("at (s)", String.format("%.0f", killedAtSeconds));
        row.put("down (ms)", downMillis);
        row.put("kill → ready (ms)", readyAfterMillis);
        row.put("kill → every client live (ms)", liveAfterMillis < 0 ? "not all" : liveAfterMillis);
        row.put("clients live", clientsLive + "/" + clients);
        row.put("last live", slowest);
        row.put("new requests during the freeze", newRequests.isEmpty() ? "" : newRequestsSummary());
        row.put("failure", failure == null ? "" : failure);
        return row;
    }
}
