package dev.parley.bench.faults;

import java.util.List;
import java.util.Map;

/**
 * What one client recorded over the run, as the end checks it.
 *
 * @param unacked sends never acknowledged
 * @param conflictingAcks a second ack of a send naming another seq or id, or an ack of a send never written
 * @param overdueResends sends written again on an open connection after the ack timeout
 * @param gaps subscriptions' gaps (a seq beyond the next expected one); {@code missingInGaps} seqs skipped
 * @param duplicates a seq received again within one subscription
 * @param contiguous the last seq up to which the client has every message of its room
 * @param hole the client holds seqs beyond {@code contiguous}
 * @param connections connections that reached {@code ready}
 */
record ClientReport(ClientIdentity identity, List<HistoryAudit.Sent> sends, int sent, int unacked, long conflictingAcks,
                    long overdueResends, int subscriptions, long gaps, long missingInGaps, long duplicates,
                    long contiguous, boolean hole, boolean subscribed, long rateLimited, int connections,
                    List<ClientIncidents.Close> closes, Map<String, Long> errors, List<String> evidence) {
}
