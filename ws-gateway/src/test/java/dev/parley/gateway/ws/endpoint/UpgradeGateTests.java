package dev.parley.gateway.ws.endpoint;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.session.PendingAuthentications;
import dev.parley.gateway.ws.session.TokenVerifier;
import dev.parley.platform.network.ClientAddresses;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * The upgrade's own failures, which reach a client through the edge's hand-over as ws-gateway writes them (ADR 0023):
 * problem documents like every other refusal. (The refusals of a request — token, origin, caps — are tested on the
 * running gateway, {@code AuthenticationTests} and {@code PendingAuthenticationTests}.)
 */
class UpgradeGateTests {

    private static final Executor INLINE = Runnable::run;

    private final TokenVerifier tokens = mock(TokenVerifier.class);
    private final UpgradeChecks checks = new UpgradeChecks(tokens, mock(PendingAuthentications.class),
            new GatewayProperties("gw-test", "http://localhost:1", "http://localhost:2", Duration.ofSeconds(1),
                    List.of("*")),
            JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build(),
            new ClientAddresses(List.of()));

    @Test
    void anUpgradeWhoseChecksFailIsAnswered500Internal() {
        when(tokens.verify(anyString())).thenThrow(new IllegalStateException("the keys could not be fetched"));

        FullHttpResponse answer = upgrade(INLINE);

        assertProblem(answer.status().code(), answer.headers().get(HttpHeaderNames.CONTENT_TYPE),
                answer.content().toString(StandardCharsets.UTF_8), 500, "internal");
        answer.release();
    }

    @Test
    void anUpgradeArrivingWhileTheGatewayStopsIsAnswered503WithRetryAfter() {
        FullHttpResponse answer = upgrade(work -> {
            throw new RejectedExecutionException("stopping");
        });

        assertProblem(answer.status().code(), answer.headers().get(HttpHeaderNames.CONTENT_TYPE),
                answer.content().toString(StandardCharsets.UTF_8), 503, "service_unavailable");
        assertThat(answer.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("1");
        answer.release();
    }

    /** An upgrade request with a token, through a gate whose checks run on {@code workers}; its answer. */
    private FullHttpResponse upgrade(Executor workers) {
        EmbeddedChannel channel = new EmbeddedChannel(new UpgradeGate("/ws", checks, workers));
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws");
        request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer some.token.here");
        channel.writeInbound(request);
        channel.runPendingTasks();
        FullHttpResponse answer = channel.readOutbound();
        assertThat(answer).as("the gate's answer").isNotNull();
        assertThat(answer.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        return answer;
    }
}
