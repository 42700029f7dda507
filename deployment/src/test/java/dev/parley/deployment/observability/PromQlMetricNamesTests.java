package dev.parley.deployment.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTests {

    @Test
    void aSelectorIsItsName() {
        assertThat(PromQlMetricNames.of("parley_ws_connections")).containsExactly("parley_ws_connections");
        assertThat(PromQlMetricNames.of("up{job=~\"auth-service|room-service\"} == 0")).containsExactly("up");
    }

    @Test
    void functionsAggregationsAndTheirLabelListsAreNoNames() {
        assertThat(PromQlMetricNames.of(
                "histogram_quantile(0.99, sum by (le, job) (rate(parley_ws_ack_latency_seconds_bucket[$__rate_interval])))"))
                .containsExactly("parley_ws_ack_latency_seconds_bucket");
        assertThat(PromQlMetricNames.of("sum(rate(x_total{a=\"b\"}[5m])) without (instance) / on(job) group_left(env) y"))
                .containsExactly("x_total", "y");
    }

    @Test
    void labelValuesStringsOffsetsAndOperatorsAreNoNames() {
        assertThat(PromQlMetricNames.of("sum(parley_ws_connections) < 0.5 * sum(parley_ws_connections offset 5m)\n"
                + "  and sum(parley_ws_connections offset 5m) > 50 or vector(1e3) unless bool_metric"))
                .containsExactly("bool_metric", "parley_ws_connections");
        assertThat(PromQlMetricNames.of("label_replace(m{l=\"rate(fake_metric)\"}, \"dst\", \"$1\", \"src\", \"(.*)\")"))
                .containsExactly("m");
        assertThat(PromQlMetricNames.of("max by (job, instance) (jvm_memory_max_bytes{area=\"heap\"} > 0)"))
                .containsExactly("jvm_memory_max_bytes");
    }

    @Test
    void aNameGivenAsLabelCounts() {
        assertThat(PromQlMetricNames.of("{__name__=\"parley_history_cache_reads_total\", result=\"hit\"}"))
                .containsExactly("parley_history_cache_reads_total");
    }

    @Test
    void aMisspelledNameIsStillAName() {
        assertThat(PromQlMetricNames.of("sum(rate(parley_ws_frames_in_totl{type=\"send\"}[1m]))"))
                .containsExactly("parley_ws_frames_in_totl");
    }
}
