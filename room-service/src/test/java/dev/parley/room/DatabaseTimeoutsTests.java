package dev.parley.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The bounds of service-starter's defaults on the connections themselves (ADR 0031): the pool's give up on a silent
 * server and have PostgreSQL end long statements and abandoned transactions; the migrations' have neither, so that
 * an index build at start-up is never cut.
 */
class DatabaseTimeoutsTests extends RoomServiceIntegrationTest {

    @Autowired
    DataSource pool;

    @Autowired
    Flyway flyway;

    @Test
    void pooledConnectionsAreBoundedAndMigrationsRunOnConnectionsWithoutBounds() throws SQLException {
        try (Connection pooled = pool.getConnection()) {
            assertThat(pooled.getNetworkTimeout()).as("socketTimeout, in ms").isEqualTo(10_000);
            assertThat(setting(pooled, "statement_timeout")).isEqualTo("8s");
            assertThat(setting(pooled, "idle_in_transaction_session_timeout")).isEqualTo("1min");
        }
        DataSource migrations = flyway.getConfiguration().getDataSource();
        assertThat(migrations).isNotSameAs(pool);
        try (Connection migrating = migrations.getConnection()) {
            assertThat(migrating.getNetworkTimeout()).isZero();
            assertThat(setting(migrating, "statement_timeout")).isEqualTo("0");
            assertThat(setting(migrating, "idle_in_transaction_session_timeout")).isEqualTo("0");
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement show = connection.createStatement(); ResultSet value = show.executeQuery("show " + name)) {
            value.next();
            return value.getString(1);
        }
    }
}
