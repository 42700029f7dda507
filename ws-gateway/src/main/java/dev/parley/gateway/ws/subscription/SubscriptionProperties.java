package dev.parley.gateway.ws.subscription;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How subscriptions are opened and resumed.
 *
 * @param recoveryLimit the largest backlog a {@code sinceSeq} resume replays; beyond it
 *                      {@code recovered:false} and the client pages the history over HTTP
 * @param historyPageSize messages asked for per history request (message-service caps it at 100)
 * @param replayBurst backlog messages one user's resumes may replay on this instance at once; at least the
 *                    recovery limit, so that every backlog the contract replays fits ({@link ReplayAllowance})
 * @param replayPerSecond how fast that allowance refills, in messages a second
 */
@Validated
@ConfigurationProperties("parley.ws.subscription")
public record SubscriptionProperties(
        @Min(0) @DefaultValue("1000") int recoveryLimit,
        @Min(1) @Max(100) @DefaultValue("100") int historyPageSize,
        @Min(1) @DefaultValue("10000") int replayBurst,
        @Positive @DefaultValue("2000") double replayPerSecond) {

    public SubscriptionProperties {
        if (replayBurst < recoveryLimit) {
            throw new IllegalArgumentException("parley.ws.subscription.replay-burst (" + replayBurst
                    + ") must be at least the recovery limit (" + recoveryLimit + "): a backlog within it must fit");
        }
    }
}
