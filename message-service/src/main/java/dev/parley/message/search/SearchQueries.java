package dev.parley.message.search;

import dev.parley.message.sending.MessageRows;
import dev.parley.platform.web.ApiException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
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
 * walk the whole table newest first. Bounded in time ({@link SearchProperties#statementTimeout()}): a search that
 * PostgreSQL cancels is answered 503 {@code service_unavailable}, with a word on how to narrow it.
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

    /** PostgreSQL's {@code query_canceled}: here, the statement timeout. */
    private static final String CANCELED = "57014";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final String statementTimeout;

    SearchQueries(JdbcClient jdbc, PlatformTransactionManager transactions, SearchProperties properties) {
        this.jdbc = jdbc;
        this.statementTimeout = properties.statementTimeout().toMillis() + "ms";
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
        try {
            return transaction.execute(status -> {
                jdbc.sql("select set_config('plan_cache_mode', 'force_custom_plan', true),"
                                + " set_config('statement_timeout', :timeout, true)")
                        .param("timeout", statementTimeout).query((rs, row) -> row).list();
                return statement.query((rs, row) -> new SearchHit(MessageRows.view(rs, row), rs.getString("highlight")))
                        .list();
            });
        } catch (DataAccessException e) {
            if (canceled(e)) {
                throw ApiException.unavailable("The search took longer than " + statementTimeout + ": search one room "
                        + "(roomId) or add words to narrow it.");
            }
            throw e;
        }
    }

    private static boolean canceled(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
