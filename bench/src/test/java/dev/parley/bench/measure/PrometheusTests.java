package dev.parley.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTests {

    @Test
    void sumAddsTheSamplesOfOneMetricWithTheLabel() {
        String page = """
                # HELP jvm_memory_used_bytes The amount of used memory
                jvm_memory_used_bytes{application="ws-gateway",area="heap",id="G1 Eden Space"} 1000.0
                jvm_memory_used_bytes{application="ws-gateway",area="heap",id="G1 Old Gen"} 2.5E3
                jvm_memory_used_bytes{application="ws-gateway",area="nonheap",id="Metaspace"} 99999.0
                parley_ws_connections_ready{application="ws-gateway"} 12.0
                """;

        assertThat(Prometheus.sum(page, "jvm_memory_used_bytes{", "area=\"heap\"")).isEqualTo(3500.0);
        assertThat(Prometheus.sum(page, "parley_ws_connections_ready", "")).isEqualTo(12.0);
    }
}
