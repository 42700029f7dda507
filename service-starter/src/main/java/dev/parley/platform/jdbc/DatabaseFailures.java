package dev.parley.platform.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Failures that say nothing about the request or command, only about the database: PostgreSQL away, a
 * connection lost, a lock conflict or a serialization failure. Trying again later can succeed. The whole
 * chain of causes is looked at: a failed rollback after a lost connection ("Unable to rollback against JDBC
 * Connection") hides the failure that caused it.
 */
public final class DatabaseFailures {

    /** SQLSTATE classes: connection exception, transaction rollback, resources, operator intervention, system. */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57", "58");
    /**
     * What Hikari's proxy says, without a SQLSTATE, when it is used after the pool closed it: the pool closes a
     * connection under a transaction only when the connection broke (a fatal SQLSTATE such as 08006), so this is
     * a lost connection — typically met by the rollback, whose failure then hides the first one.
     */
    private static final String CLOSED_POOLED_CONNECTION = "Connection is closed";

    private DatabaseFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && TRANSIENT_SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && CLOSED_POOLED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
