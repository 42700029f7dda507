package dev.parley.message.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Message search (contract §6).
 *
 * @param statementTimeout   the longest one search's SQL may run before PostgreSQL cancels it and the caller gets 503
 *                           {@code service_unavailable}. A search without {@code roomId} runs over every room the user
 *                           can read — in a large deployment, every public room — and the edge lets one user make five
 *                           a second: without a bound, a few common words could keep the database's cores busy for
 *                           everyone's sends
 * @param indexMergeInterval how often the search index's pending entries are merged into it, off the send path
 *                           ({@link SearchIndexMerger}); a merge holds one pooled connection while it runs
 */
@Validated
@ConfigurationProperties("parley.message.search")
record SearchProperties(@DefaultValue("5s") Duration statementTimeout,
                        @DefaultValue("1s") Duration indexMergeInterval) {

    SearchProperties {
        if (indexMergeInterval.isNegative() || indexMergeInterval.isZero()) {
            throw new IllegalArgumentException("parley.message.search.index-merge-interval must be positive");
        }
    }
}
