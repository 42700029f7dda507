package dev.parley.gateway.ws.support;

import dev.parley.gateway.ws.WsGatewayApplication;
import dev.parley.gateway.ws.endpoint.WebSocketServer;
import dev.parley.infra.Infrastructure;
import dev.parley.testing.TcpRelay;
import dev.parley.testing.TestTokens;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.RedisCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Another gateway instance in the same JVM: its own application context, port and gateway id, on the
 * same Kafka and stand-ins. Its Redis connection runs through a {@link TcpRelay}, so a test can take
 * Redis away from this instance alone — what a crashed instance looks like to the others.
 *
 * <p>Once it is up, a Redis command gives up after 500 ms, so that an instance without Redis fails its calls soon
 * rather than after the 2 s of the service's default. While it starts, the connections' handshakes and its first
 * commands (the probe channels' subscription) have 5 s: on a loaded machine a handshake through the proxy took longer
 * than 500 ms, and the instance failed to start.
 */
public final class SecondGateway implements AutoCloseable {

    private static final long STARTING_TIMEOUT_MS = 5000;
    private static final long RUNNING_TIMEOUT_MS = 500;

    private final ConfigurableApplicationContext context;
    private final TcpRelay redis;

    private SecondGateway(ConfigurableApplicationContext context, TcpRelay redis) {
        this.context = context;
        this.redis = redis;
    }

    public static SecondGateway start(String gatewayId, Map<String, String> overrides) {
        Infrastructure infra = Infrastructure.shared();
        TcpRelay redis = TcpRelay.to(infra.redis().port());
        Map<String, Object> properties = new LinkedHashMap<>(TestGatewayProperties.common());
        properties.put("server.port", "0");
        properties.put("parley.ws.gateway-id", gatewayId);
        properties.put("spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers());
        properties.put("spring.data.redis.host", "127.0.0.1");
        properties.put("spring.data.redis.port", Integer.toString(redis.port()));
        // the handshake's timeout (Lettuce takes it from the connection's); commands have the source's below
        properties.put("spring.data.redis.timeout", STARTING_TIMEOUT_MS + "ms");
        properties.put("parley.security.issuer", TestTokens.shared().issuer());
        properties.put("parley.security.jwks-uri", TestTokens.shared().jwksUri());
        properties.put("spring.jmx.enabled", "false");
        properties.putAll(overrides);
        // as command-line arguments: they must win over application.yml, as the test context's properties do
        String[] arguments = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        CommandTimeout commandTimeout = new CommandTimeout();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WsGatewayApplication.class)
                .initializers(starting -> ((GenericApplicationContext) starting).registerBean(
                        LettuceClientOptionsBuilderCustomizer.class, () -> options -> options.timeoutOptions(
                                TimeoutOptions.builder().timeoutCommands().timeoutSource(commandTimeout).build())))
                .run(arguments);
        SecondGateway gateway = new SecondGateway(context, redis);
        gateway.awaitReady();
        commandTimeout.millis = RUNNING_TIMEOUT_MS;
        return gateway;
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public int wsPort() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty(WebSocketServer.LOCAL_PORT_PROPERTY));
    }

    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + wsPort() + "/ws");
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * Redis goes away for this instance alone: it can neither refresh nor remove its connections. Returns once a
     * command of the instance's own has failed: the tests that take Redis away would pass for the wrong reason if
     * the cut did not take (the crashed instance's users would go offline at its close, not by expiring).
     */
    public void loseRedis() {
        redis.cut();
        try (RedisConnection connection = context.getBean(RedisConnectionFactory.class).getConnection()) {
            connection.ping();
        } catch (DataAccessException expected) {
            return;
        }
        throw new IllegalStateException("Redis still answered this instance after the cut");
    }

    public boolean isRunning() {
        return context.isActive();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port() + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                Thread.sleep(100);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("second gateway not ready in time");
    }

    /** Every Redis command's timeout: the start's until the instance is ready, then the running one. */
    private static final class CommandTimeout extends TimeoutOptions.TimeoutSource {

        private volatile long millis = STARTING_TIMEOUT_MS;

        @Override
        public long getTimeout(RedisCommand<?, ?, ?> command) {
            return millis;
        }

        @Override
        public TimeUnit getTimeUnit() {
            return TimeUnit.MILLISECONDS;
        }
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
        redis.close();
    }
}
