package dev.parley.message.jdbc;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The plan PostgreSQL keeps for one of the service's statements on the service's connections: a generic plan,
 * made once for any parameters (application.yml), so for a guessed ten elements of an array parameter.
 */
public final class GenericPlans {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\?");

    private GenericPlans() {
    }

    /**
     * Runs {@code setUp} (filling tables and analysing them), then explains {@code statement}, its {@code ?}s given
     * these parameter types and argument literals, all in one transaction that is rolled back.
     */
    public static String explain(JdbcTemplate jdbc, TransactionTemplate transaction, List<String> setUp,
                                 String statement, List<String> types, List<String> arguments) {
        AtomicInteger number = new AtomicInteger();
        String numbered = PLACEHOLDER.matcher(statement)
                .replaceAll(match -> Matcher.quoteReplacement("$" + number.incrementAndGet()));
        if (number.get() != types.size() || types.size() != arguments.size()) {
            throw new IllegalArgumentException(number.get() + " parameters, " + types.size() + " types, "
                    + arguments.size() + " arguments");
        }
        return transaction.execute(status -> {
            setUp.forEach(jdbc::execute);
            jdbc.execute("set local plan_cache_mode = force_generic_plan"); // as the service's connections
            jdbc.execute("prepare planned(" + String.join(", ", types) + ") as " + numbered);
            List<String> lines = jdbc.queryForList("explain execute planned(" + String.join(", ", arguments) + ")",
                    String.class);
            jdbc.execute("deallocate planned");
            status.setRollbackOnly();
            return String.join("\n", lines);
        });
    }
}
