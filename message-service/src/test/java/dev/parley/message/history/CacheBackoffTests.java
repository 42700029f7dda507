package dev.parley.message.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisPipelineException;

@ExtendWith(OutputCaptureExtension.class)
class CacheBackoffTests {

    private final CacheBackoff backoff = new CacheBackoff(new RecentHistoryProperties(true, 200, Duration.ofHours(24),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(20),
            new RecentHistoryProperties.Redis("127.0.0.1", 6379)));

    @Test
    void aFailedPipelineLeavesRedisAloneAndLogsWhyItFailedNotThatItWasAPipeline(CapturedOutput output) {
        RedisPipelineException failed = new RedisPipelineException(
                new RedisCommandTimeoutException("Command timed out after 500 millisecond(s)"), List.of());

        backoff.leaveAlone(failed);

        assertThat(backoff.available()).isFalse();
        assertThat(output).contains("Redis failed, history comes from PostgreSQL for at least PT1S: "
                + "Command timed out after 500 millisecond(s)");
        assertThat(output).doesNotContain("Pipeline contained");
    }
}
