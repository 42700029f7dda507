package dev.parley.testing;

import dev.parley.infra.Infrastructure;
import dev.parley.infra.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * An exclusive lock on a table of the shared PostgreSQL, held by a connection of the test's own until closed: a
 * statement of the service under test that touches the table waits in PostgreSQL, so it is in flight for sure when
 * the test then freezes the server ({@link PostgresServer#freeze()}).
 */
public final class TableLock implements AutoCloseable {

    private final String database;
    private final Connection holder;

    private TableLock(String database, Connection holder) {
        this.database = database;
        this.holder = holder;
    }

    /** Locks {@code table} (a name the test chose, not user input) in {@code database} against every other use. */
    public static TableLock hold(String database, String table) throws SQLException {
        Connection holder = connect(database);
        try (Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("lock table " + table + " in access exclusive mode");
            return new TableLock(database, holder);
        } catch (SQLException e) {
            holder.close();
            throw e;
        }
    }

    /** Until a statement of another session waits for a lock in this database; false if none did within the timeout. */
    public boolean awaitWaitingStatement(Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection watcher = connect(database);
             Statement query = watcher.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet waiting = query.executeQuery("select count(*) from pg_stat_activity where datname = '"
                        + database + "' and wait_event_type = 'Lock'")) {
                    waiting.next();
                    if (waiting.getInt(1) > 0) {
                        return true;
                    }
                }
                Thread.sleep(20);
            }
        }
        return false;
    }

    /** Lets go of the lock; call it once the server answers again (after a thaw). */
    @Override
    public void close() throws SQLException {
        try {
            holder.rollback();
        } finally {
            holder.close();
        }
    }

    private static Connection connect(String database) throws SQLException {
        PostgresServer postgres = Infrastructure.shared().postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), "");
    }
}
