package dev.parley.gateway.ws.subscription;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How subscriptions are opened and resumed.
 *
 * @param recoveryLimit the largest backlog a {@code sinceSeq} resume replays; beyond it
 *                      {@code recovered:false} and the client pages the history over HTTP
 * @param historyPageSize messages asked for per history request (message-service caps it at 100)
 */
@Validated
@ConfigurationProperties("parley.ws.subscription")
public record SubscriptionProperties(
        @Min(0) @DefaultValue("1000") int recoveryLimit,
        @Min(1) @Max(100) @DefaultValue("100") int historyPageSize) {
}
