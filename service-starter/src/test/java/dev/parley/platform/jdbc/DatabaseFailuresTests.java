package dev.parley.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

class DatabaseFailuresTests {

    @Test
    void aLostConnectionIsTheDatabasesFaultHoweverDeepItsCause() {
        assertThat(DatabaseFailures.isTransient(new DataAccessResourceFailureException("PostgreSQL away"))).isTrue();
        assertThat(DatabaseFailures.isTransient(new RuntimeException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(DatabaseFailures.isTransient(new RuntimeException(new SQLException("deadlock detected", "40P01"))))
                .isTrue();
    }

    @Test
    void aRollbackOnAConnectionThePoolClosedIsALostConnection() {
        // What JPA reports (a JpaSystemException) when the connection broke mid-transaction: only the rollback's failure is left.
        RuntimeException rollback = new DataAccessException("Unable to rollback against JDBC Connection",
                new RuntimeException("Unable to rollback against JDBC Connection", new SQLException("Connection is closed"))) {
        };

        assertThat(DatabaseFailures.isTransient(rollback)).isTrue();
    }

    @Test
    void aFailureOfTheRequestItselfIsNot() {
        assertThat(DatabaseFailures.isTransient(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseFailures.isTransient(new RuntimeException(new SQLException("Connection is closed", "23505"))))
                .isFalse();
        assertThat(DatabaseFailures.isTransient(new IllegalStateException("a bug"))).isFalse();
    }
}
