package dev.parley.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code parley.outbox.pending}: events committed to the outbox and not yet acknowledged by Kafka, counted
 * when metrics are read. It grows while the broker is away and falls back to zero when it returns; a backlog
 * that stays means the relay is stuck (docs/observability.md, alert {@code ParleyOutboxBacklog}). Unknown
 * (NaN) while the database does not answer.
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
    }

    double pending() {
        try {
            return jdbc.sql("select count(*) from event_outbox").query(Long.class).single();
        } catch (RuntimeException databaseAway) {
            return Double.NaN;
        }
    }
}
