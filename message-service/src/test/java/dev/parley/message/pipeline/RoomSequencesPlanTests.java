package dev.parley.message.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.jdbc.GenericPlans;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every batch writes its rooms' sequence rows back by key: with one to two thousand rooms (what W3 leaves behind),
 * the generic plan of a join on {@code room_id} alone scanned and hashed the whole table on every batch.
 */
class RoomSequencesPlanTests extends IntegrationTestSupport {

    private static final String ROOM = "'{00000000-0000-0000-0000-000000000001}'";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void theBatchWritesItsRoomsRowsBackByKeyEvenWhenScanningLooksCheaper() {
        String plan = GenericPlans.explain(jdbc, transaction, List.of("""
                        insert into room_sequences (room_id, last_seq, version)
                        select gen_random_uuid(), 10, 10 from generate_series(1, 2000)""",
                        "analyze room_sequences"),
                RoomSequences.SAVE, List.of("uuid[]", "int8[]", "int8[]", "uuid[]"),
                List.of(ROOM, "'{11}'", "'{11}'", ROOM));

        assertThat(plan).contains("room_sequences_pkey").doesNotContain("Seq Scan on room_sequences");
    }
}
