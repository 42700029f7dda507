package dev.parley.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's backlog, read from its table when metrics are read (docs/observability.md):
 * <ul>
 * <li>{@code parley.outbox.pending}: events committed and not yet acknowledged by Kafka. It grows while the
 * broker is away and falls back to zero when it returns (alert {@code ParleyOutboxBacklog}).</li>
 * <li>{@code parley.outbox.oldest.age}: how long the oldest of them has waited, zero when there is none. A
 * service that changes little can have a stuck relay with a handful of events waiting — a ban its gateways
 * have not learned of — which the count would not show (alert {@code ParleyOutboxStalled}).</li>
 * </ul>
 * Both are unknown (NaN) while the database does not answer.
 */
class OutboxBacklog implements MeterBinder {

    private final JdbcClient jdbc;

    OutboxBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("parley.outbox.pending", this, OutboxBacklog::pending)
                .description("Outbox events committed and not yet published to Kafka")
                .register(registry);
        TimeGauge.builder("parley.outbox.oldest.age", this, TimeUnit.SECONDS, OutboxBacklog::oldestAgeSeconds)
                .description("How long the oldest outbox event not yet published to Kafka has waited")
                .register(registry);
    }

    double pending() {
        try {
            return jdbc.sql("select count(*) from event_outbox").query(Long.class).single();
        } catch (RuntimeException databaseAway) {
            return Double.NaN;
        }
    }

    double oldestAgeSeconds() {
        try {
            return jdbc.sql("""
                            select coalesce(extract(epoch from clock_timestamp() - min(created_at)), 0)::float8
                            from event_outbox""")
                    .query(Double.class).single();
        } catch (RuntimeException databaseAway) {
            return Double.NaN;
        }
    }
}
