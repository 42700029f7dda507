package dev.parley.message.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.message.IntegrationTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's connections plan a prepared statement once, for any parameters (application.yml): the command
 * batch's statements were planned anew on every execution, which cost more than running them.
 */
class StatementPlanTests extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void aStatementOfTheBatchIsPlannedForAnyRoomsNotTheOnesItIsGiven() {
        List<String> plan = transaction.execute(status -> {
            jdbc.sql("prepare lock_rooms(uuid[]) as select last_seq from room_sequences where room_id = any($1) for update")
                    .update();
            List<String> lines = jdbc.sql("explain execute lock_rooms('{00000000-0000-0000-0000-000000000001}')")
                    .query(String.class).list();
            jdbc.sql("deallocate lock_rooms").update();
            return lines;
        });

        assertThat(String.join("\n", plan)).contains("ANY ($1)");
    }
}
