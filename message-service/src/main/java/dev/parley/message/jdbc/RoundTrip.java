package dev.parley.message.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Statements sent to PostgreSQL together, as one multi-statement prepared statement: pgjdbc sends its parts
 * one after the other and waits once (a single Sync), so n statements cost one network round trip instead of
 * n, and each part is still prepared and planned once per connection. They run in the caller's transaction, in
 * the order added: a row lock taken by one holds for those after it, a row one inserts is there for the next.
 */
public final class RoundTrip {

    private final List<Query<?>> queries = new ArrayList<>();
    private final List<Object> answers = new ArrayList<>();
    private boolean ran;

    /** The answer of {@code query}, to be read once {@link #run} has returned. */
    public <T> Supplier<T> add(Query<T> query) {
        if (ran) {
            throw new IllegalStateException("This round trip has run");
        }
        int index = queries.size();
        queries.add(query);
        return () -> {
            if (!ran) {
                throw new IllegalStateException("Read before the round trip ran");
            }
            @SuppressWarnings("unchecked") // added as a Query<T> at this index
            T answer = (T) answers.get(index);
            return answer;
        };
    }

    public void run(JdbcTemplate jdbc) throws DataAccessException {
        if (ran) {
            throw new IllegalStateException("This round trip has run");
        }
        List<Query<?>> sent = queries.stream().filter(Query::sends).toList();
        List<Object> read = sent.isEmpty() ? List.of() : send(jdbc, sent);
        int next = 0;
        for (Query<?> query : queries) {
            answers.add(query.sends() ? read.get(next++) : query.answer());
        }
        ran = true;
    }

    /**
     * Ends the caller's transaction as the trip's last part, so the commit costs no round trip of its own. The
     * transaction manager's commit then finds the connection out of its transaction and sends nothing (pgjdbc
     * commits only a connection that is in one); a part that fails before it leaves the transaction to be rolled
     * back as usual. Nothing may write to the database in that transaction after this trip.
     */
    public void commit() {
        add(Query.update("commit", List.of()));
    }

    /** One query alone: one round trip all the same. */
    public static <T> T query(JdbcTemplate jdbc, Query<T> query) {
        RoundTrip trip = new RoundTrip();
        Supplier<T> answer = trip.add(query);
        trip.run(jdbc);
        return answer.get();
    }

    private static List<Object> send(JdbcTemplate jdbc, List<Query<?>> sent) {
        String sql = sent.stream().map(Query::sql).collect(Collectors.joining(";\n"));
        ArgumentPreparedStatementSetter args = new ArgumentPreparedStatementSetter(
                sent.stream().flatMap(query -> query.args().stream()).toArray());
        return jdbc.execute(sql, (PreparedStatement statement) -> {
            try {
                args.setValues(statement);
                statement.execute();
                List<Object> read = new ArrayList<>(sent.size());
                for (Query<?> query : sent) {
                    read.add(readOne(statement, query));
                    statement.getMoreResults();
                }
                return read;
            } finally {
                args.cleanupParameters();
            }
        });
    }

    private static Object readOne(PreparedStatement statement, Query<?> query) throws SQLException {
        if (query.isUpdate()) {
            int count = statement.getUpdateCount();
            if (count < 0) {
                throw new IllegalStateException("Not a write, where a round trip expected one: " + query.sql());
            }
            return count;
        }
        try (ResultSet rows = statement.getResultSet()) {
            if (rows == null) {
                throw new IllegalStateException("Not a query, where a round trip expected one: " + query.sql());
            }
            return query.reader().extractData(rows);
        }
    }
}
