package dev.parley.bench.faults;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fault and how the platform and its clients came through it (times from the kill, or the freeze).
 *
 * @param readyAfterMillis until the restarted (or thawed) process was ready again (it was down, or frozen,
 *                         {@code downMillis} of it)
 * @param liveAfterMillis until the last client was live again: a fresh ack for a message it wrote after the
 *                        restart, subscribed, and caught up to that message; −1 when not every client was
 * @param slowest the client that was live last (or the first one that was not)
 * @param failure why the kill or the restart failed, or null
 */
record FaultRecord(String target, double killedAtSeconds, long downMillis, long readyAfterMillis,
                   long liveAfterMillis, int clientsLive, int clients, String slowest, String failure) {

    boolean everyClientLive() {
        return failure == null && clientsLive == clients;
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
        row.put("failure", failure == null ? "" : failure);
        return row;
    }
}
