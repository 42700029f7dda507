package dev.parley.message.history;

import dev.parley.platform.web.PageLimits;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code limit} of every list of messages — history, threads, mentions, search (contract §2): it defaults to
 * {@code defaultLimit}; larger values are clamped to {@code maxLimit}.
 */
@Validated
@ConfigurationProperties("parley.message.history")
public record HistoryProperties(
        @Min(1) @DefaultValue(PageLimits.DEFAULT_LIMIT) int defaultLimit,
        @Min(1) @DefaultValue(PageLimits.MAX_LIMIT_TEXT) int maxLimit) {

    /** The size of the page a request asks for with {@code limit} (null: none given). */
    public int pageSize(Integer limit) {
        return Math.min(limit == null ? defaultLimit : limit, maxLimit);
    }
}
