package dev.parley.message.search;

import dev.parley.message.sending.MessageRows;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The search's SQL: the words of the query, all of them, in {@code parley_search}'s index (V4: lower-cased,
 * accents removed, deleted messages left out), within the given rooms, newest first from below a message id
 * (ids are time-ordered, ADR 0008), each with its highlighted body. Planned for its words: the service's
 * connections keep generic plans (application.yml), and one that does not know how rare the words are may
 * walk the whole table newest first.
 */
@Component
class SearchQueries {

    private static final String HIGHLIGHT = "HighlightAll=true, StartSel=" + SearchHit.MATCH_START + ", StopSel="
            + SearchHit.MATCH_END;
    private static final String MATCHES = """
            select %s, ts_headline('parley_search', body, query, :highlight) as highlight
            from messages, plainto_tsquery('parley_search', :q) as query
            where not deleted
              and to_tsvector('parley_search', body) @@ query
              and room_id = any(:rooms)
              %s
            order by id desc
            limit :limit""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    SearchQueries(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setReadOnly(true);
    }

    /** Up to {@code limit} matches in the rooms, newest first, older than {@code below} when it is given. */
    List<SearchHit> matches(String q, List<UUID> rooms, UUID below, int limit) {
        String sql = MATCHES.formatted(MessageRows.COLUMNS, below == null ? "" : "and id < :below");
        JdbcClient.StatementSpec statement = jdbc.sql(sql)
                .param("q", q)
                .param("highlight", HIGHLIGHT)
                .param("rooms", new SqlArrayValue("uuid", rooms.toArray()))
                .param("limit", limit);
        if (below != null) {
            statement.param("below", below);
        }
        return transaction.execute(status -> {
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
            return statement.query((rs, row) -> new SearchHit(MessageRows.view(rs, row), rs.getString("highlight"))).list();
        });
    }
}
