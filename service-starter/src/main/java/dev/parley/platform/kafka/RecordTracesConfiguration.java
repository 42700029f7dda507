package dev.parley.platform.kafka;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** {@link RecordTraces} over the service's tracer; untraced where tracing is not set up. */
@AutoConfiguration
@ConditionalOnClass(name = "org.apache.kafka.common.header.Headers")
public class RecordTracesConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RecordTraces recordTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer available = tracer.getIfAvailable();
        Propagator carrier = propagator.getIfAvailable();
        return available == null || carrier == null ? RecordTraces.NONE : new RecordTraces(available, carrier);
    }
}
