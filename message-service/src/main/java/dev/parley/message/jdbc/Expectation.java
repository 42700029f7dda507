package dev.parley.message.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * A statement that asserts, inside the transaction, what the caller took for granted without reading it: when
 * {@code condition} is not true, PostgreSQL raises and the transaction is aborted, so what follows in the same
 * {@link RoundTrip} — writes, the commit — never happens ({@code parley_expect}, migration V10; ADR 0045).
 */
public final class Expectation {

    /** The SQLSTATE {@code parley_expect} raises. */
    static final String FAILED = "PX001";
    /** A unique constraint said no: a row the caller took to be new was there. */
    private static final String UNIQUE_VIOLATION = "23505";

    private Expectation() {
    }

    /**
     * @param condition a boolean SQL expression (it may select from tables, and lock rows it reads)
     * @param what names what was expected, in the error
     */
    public static Query<Boolean> that(String condition, List<Object> args, String what) {
        return Query.of("select parley_expect((" + condition + "), ?)",
                Stream.concat(args.stream(), Stream.of(what)).toList(), rows -> rows.next() && rows.getBoolean(1));
    }

    /**
     * Whether a failure means only that something expected did not hold: an {@link #that expectation}, or a
     * unique constraint refusing a row taken to be new. Nothing was written then, and the caller can read and try
     * again; anything else (the database away, a bug) is not this.
     */
    public static boolean failed(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return FAILED.equals(sql.getSQLState()) || UNIQUE_VIOLATION.equals(sql.getSQLState());
            }
        }
        return false;
    }
}
