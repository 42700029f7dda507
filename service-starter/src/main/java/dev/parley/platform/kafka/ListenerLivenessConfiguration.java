package dev.parley.platform.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.event.ConsumerStoppedEvent;

/**
 * A Kafka listener whose consumer ended for any reason but a stop — an {@link Error} out of the listener, an
 * authorization or fencing failure, no offset to reset to — leaves its service running with nothing consuming:
 * message-service would take no more sends, a gateway would push nothing, while every probe still said the service
 * was fine. Such an end marks the service's liveness {@link LivenessState#BROKEN}, so that
 * {@code /actuator/health/liveness} answers 503 and the orchestrator restarts it (the Kubernetes manifests' liveness
 * probes); the records it had not committed are consumed again by its next life or by another instance.
 */
@AutoConfiguration
@ConditionalOnClass(ConsumerStoppedEvent.class)
public class ListenerLivenessConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ListenerLivenessConfiguration.class);

    @Bean
    ApplicationListener<ConsumerStoppedEvent> consumerEndBreaksLiveness(ApplicationEventPublisher events) {
        return stopped -> {
            if (stopped.getReason() == ConsumerStoppedEvent.Reason.NORMAL) {
                return; // stop() was called: a shutdown, a rebalance of the service's own doing
            }
            log.error("A Kafka listener's consumer ended ({}): {}; marking liveness BROKEN so that this instance "
                    + "is restarted", stopped.getReason(), stopped.getSource());
            AvailabilityChangeEvent.publish(events, stopped, LivenessState.BROKEN);
        };
    }
}
