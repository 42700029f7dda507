package dev.parley.message.jdbc;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * One statement of a {@link RoundTrip}: SQL with {@code ?} placeholders, their values in order (an array as an
 * {@link org.springframework.jdbc.support.SqlArrayValue}), and how its rows are read — or, for a write
 * ({@link #update}), its update count. A query whose answer is known without asking ({@link #answered}, e.g. a
 * lookup of no keys) sends nothing.
 */
public final class Query<T> {

    private final String sql;
    private final List<Object> args;
    private final ResultSetExtractor<T> reader;
    private final T answer;

    private Query(String sql, List<Object> args, ResultSetExtractor<T> reader, T answer) {
        this.sql = sql;
        this.args = args;
        this.reader = reader;
        this.answer = answer;
    }

    public static <T> Query<T> of(String sql, List<Object> args, ResultSetExtractor<T> reader) {
        return new Query<>(Objects.requireNonNull(sql), List.copyOf(args), Objects.requireNonNull(reader), null);
    }

    /** A write: its answer is the number of rows it changed. */
    public static Query<Integer> update(String sql, List<Object> args) {
        return new Query<>(Objects.requireNonNull(sql), List.copyOf(args), null, null);
    }

    public static <T> Query<T> answered(T answer) {
        return new Query<>(null, List.of(), null, Objects.requireNonNull(answer));
    }

    /** The same statement, its answer turned into another. */
    public <U> Query<U> map(Function<T, U> answerOf) {
        if (!sends()) {
            return answered(answerOf.apply(answer));
        }
        if (isUpdate()) {
            throw new IllegalStateException("A write's answer is its update count");
        }
        return of(sql, args, rows -> answerOf.apply(reader.extractData(rows)));
    }

    boolean sends() {
        return sql != null;
    }

    boolean isUpdate() {
        return sql != null && reader == null;
    }

    String sql() {
        return sql;
    }

    List<Object> args() {
        return args;
    }

    ResultSetExtractor<T> reader() {
        return reader;
    }

    T answer() {
        return answer;
    }
}
