package dev.parley.message.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.message.IntegrationTestSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.support.TransactionTemplate;

class RoundTripTests extends IntegrationTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    DataSource dataSource;

    @Test
    void eachQueryGetsItsOwnArgumentsAndAnswerInTheOrderAdded() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        RoundTrip trip = new RoundTrip();
        Supplier<List<String>> ids = trip.add(Query.of("select u::text from unnest(?) as u order by 1",
                List.of(new SqlArrayValue("uuid", new Object[] {first, second})), rows -> {
                    List<String> read = new ArrayList<>();
                    while (rows.next()) {
                        read.add(rows.getString(1));
                    }
                    return read;
                }));
        Supplier<String> known = trip.add(Query.answered("asked nobody"));
        Supplier<Long> sum = trip.add(Query.of("select ?::bigint + ?::bigint", List.of(40L, 2L), RoundTripTests::single));

        trip.run(jdbc);

        assertThat(ids.get()).containsExactlyElementsOf(
                List.of(first.toString(), second.toString()).stream().sorted().toList());
        assertThat(known.get()).isEqualTo("asked nobody");
        assertThat(sum.get()).isEqualTo(42L);
    }

    @Test
    void theQueriesRunInTheCallersTransaction() {
        List<Long> transactions = transaction.execute(status -> {
            long before = jdbc.queryForObject("select txid_current()", Long.class);
            RoundTrip trip = new RoundTrip();
            Supplier<Long> one = trip.add(Query.of("select txid_current()", List.of(), RoundTripTests::single));
            Supplier<Long> two = trip.add(Query.of("select txid_current()", List.of(), RoundTripTests::single));
            trip.run(jdbc);
            return List.of(before, one.get(), two.get());
        });

        assertThat(transactions).containsOnly(transactions.getFirst());
    }

    @Test
    void aWriteAnswersItsUpdateCountAndTheStatementsAfterItSeeWhatItWrote() {
        List<Long> answers = transaction.execute(status -> {
            jdbc.execute("create temporary table scratch (n bigint) on commit drop");
            RoundTrip trip = new RoundTrip();
            Supplier<Integer> inserted = trip.add(Query.update("insert into scratch select * from unnest(?)",
                    List.of(new SqlArrayValue("int8", new Object[] {1L, 2L, 3L}))));
            Supplier<Integer> updated = trip.add(Query.update("update scratch set n = n * 10 where n > ?", List.of(1L)));
            Supplier<Long> sum = trip.add(Query.of("select sum(n)::bigint from scratch", List.of(),
                    RoundTripTests::single));
            trip.run(jdbc);
            return List.of((long) inserted.get(), (long) updated.get(), sum.get());
        });

        assertThat(answers).containsExactly(3L, 2L, 51L);
    }

    @Test
    void aFailingQueryFailsTheRoundTripAndAnAnswerCannotBeReadBeforeItRuns() {
        RoundTrip trip = new RoundTrip();
        Supplier<Long> answer = trip.add(Query.of("select 1::bigint", List.of(), RoundTripTests::single));
        trip.add(Query.of("select 1 / ?", List.of(0), RoundTripTests::single));

        assertThatThrownBy(answer::get).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> trip.run(jdbc)).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("division by zero");
    }

    @Test
    void aCommitAsTheLastPartEndsTheTransactionWithTheTripAndTheManagersCommitFindsNothingToDo() {
        jdbc.execute("create table if not exists round_trip_scratch (id uuid primary key)");
        UUID id = UUID.randomUUID();

        Boolean committedWithTheTrip = transaction.execute(status -> {
            RoundTrip trip = new RoundTrip();
            trip.add(Query.update("insert into round_trip_scratch values (?)", List.of(id)));
            trip.commit();
            trip.run(jdbc);
            return existsOnAnotherConnection(id);
        });

        assertThat(committedWithTheTrip).as("seen from another connection before the manager's commit").isTrue();
        assertThat(existsOnAnotherConnection(id)).isTrue();
    }

    @Test
    void aPartThatFailsBeforeTheCommitLeavesTheTransactionToBeRolledBack() {
        jdbc.execute("create table if not exists round_trip_scratch (id uuid primary key)");
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            RoundTrip trip = new RoundTrip();
            trip.add(Query.update("insert into round_trip_scratch values (?)", List.of(id)));
            trip.add(Query.of("select 1 / ?", List.of(0), RoundTripTests::single));
            trip.commit();
            trip.run(jdbc);
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("division by zero");

        assertThat(existsOnAnotherConnection(id)).isFalse();
        assertThat(jdbc.queryForObject("select 1", Integer.class))
                .as("the connection went back to the pool usable").isEqualTo(1);
    }

    @Test
    void aTripEndingInItsCommitIsStillPreparedOnceByTheConnection() throws SQLException {
        jdbc.execute("create table if not exists round_trip_scratch (id uuid primary key)");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            JdbcTemplate one = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            for (int i = 0; i < 8; i++) {
                RoundTrip trip = new RoundTrip();
                trip.add(Query.update("insert into round_trip_scratch select * from unnest(?)",
                        List.of(new SqlArrayValue("uuid", new Object[] {UUID.randomUUID()}))));
                trip.commit();
                trip.run(one);
            }
            List<String> prepared = one.queryForList("select statement from pg_prepared_statements", String.class);
            connection.commit();

            assertThat(prepared).as("server-prepared parts").anyMatch(sql -> sql.contains("insert into round_trip_scratch"));
        }
    }

    private boolean existsOnAnotherConnection(UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from round_trip_scratch where id = ?")) {
            connection.setAutoCommit(true);
            statement.setObject(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return single(rows) == 1L;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRoundTripOfAnsweredQueriesAloneNeedsNoConnection() {
        RoundTrip trip = new RoundTrip();
        Supplier<String> known = trip.add(Query.answered("known"));

        trip.run(null);

        assertThat(known.get()).isEqualTo("known");
    }

    /** A query's one row of one column. */
    private static Long single(ResultSet rows) throws SQLException {
        assertThat(rows.next()).isTrue();
        return rows.getLong(1);
    }
}
