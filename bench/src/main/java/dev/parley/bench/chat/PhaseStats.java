package dev.parley.bench.chat;

import org.HdrHistogram.Histogram;

/** One phase's sends so far: how many were sent, acked, still pending, refused, and their latencies (µs). */
public record PhaseStats(long sent, long acked, long pending, long failed, Histogram acks, Histogram deliveries) {
}
