package dev.parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.ws.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubscriptionRequestTests {

    private static final long SECOND = 1_000_000_000L;

    private final SubscriptionRequest request = new SubscriptionRequest(
            new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new Random(3)));

    @Test
    void asksFromTheGivenSeqAndIsNotDueAgainWhileItWaitsForTheAnswer() {
        assertThat(request.isDue(0)).isTrue();

        String frame = request.ask("r1", 41, 0);

        assertThat(frame).contains("\"sinceSeq\":41", "\"roomId\":\"r1\"");
        assertThat(request.isDue(SECOND)).isFalse();
        assertThat(request.isDue(16 * SECOND)).as("unanswered for 15 s").isTrue();
    }

    @Test
    void onlyTheAnswerToTheLatestRequestCounts() {
        request.ask("r1", 0, 0);
        request.ask("r1", 0, 20 * SECOND);

        assertThat(request.answeredBy(subscribed("sub-1", true))).isFalse();
        assertThat(request.answeredBy(subscribed("sub-2", true))).isTrue();
        assertThat(request.state()).isEqualTo(SubscriptionRequest.State.LIVE);
    }

    @Test
    void recoveredFalseAsksTheClientToPageUpToTheHead() {
        request.ask("r1", 3, 0);

        request.answeredBy(subscribed("sub-1", false));

        assertThat(request.state()).isEqualTo(SubscriptionRequest.State.NOT_RECOVERED);
        assertThat(request.headSeq()).isEqualTo(2000);
    }

    @Test
    void aRefusedSubscribeIsAskedAgainAfterABackoff() {
        request.ask("r1", 0, 0);

        assertThat(request.refusedBy("sub-1", 0, 0)).isTrue();

        assertThat(request.isDue(0)).isFalse();
        assertThat(request.isDue(SECOND / 10)).isTrue();
    }

    @Test
    void aRateLimitedSubscribeWaitsAtLeastItsRetryAfter() {
        request.ask("r1", 0, 0);

        request.refusedBy("sub-1", 0, 700);

        assertThat(request.isDue(SECOND / 2)).isFalse();
        assertThat(request.isDue(SECOND * 7 / 10)).isTrue();
    }

    @Test
    void aGapMakesTheLiveSubscriptionDueAgain() {
        request.ask("r1", 0, 0);
        request.answeredBy(subscribed("sub-1", true));
        assertThat(request.isDue(SECOND)).isFalse();

        request.gap();

        assertThat(request.isDue(SECOND)).isTrue();
    }

    private static Frame subscribed(String id, boolean recovered) {
        byte[] json = ("{\"type\":\"subscribed\",\"id\":\"" + id + "\",\"roomId\":\"r1\",\"headSeq\":2000,\"recovered\":"
                + recovered + "}").getBytes(StandardCharsets.UTF_8);
        return Frame.parse(json, 0, json.length);
    }
}
