package dev.parley.message.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.message.IntegrationTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The command batch's access query looks rooms up by key, whatever the projection holds: with a few thousand
 * rooms, all deleted (what a bench leaves behind), its generic plan had read the whole table on every batch.
 */
class RoomAccessPlanTests extends IntegrationTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void theAccessQueryLooksUpEachPairEvenWhenScanningLooksCheaper() {
        String plan = transaction.execute(status -> {
            jdbc.update("""
                    insert into rooms (room_id, kind, visibility, deleted)
                    select gen_random_uuid(), 'group', 'private', true from generate_series(1, 3000)""");
            jdbc.execute("analyze rooms");
            jdbc.execute("set local plan_cache_mode = force_generic_plan"); // as the service's connections
            jdbc.execute("prepare levels(uuid[], uuid[]) as "
                    + ProjectedRoomAccess.LEVELS.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
            List<String> lines = jdbc.queryForList("explain execute levels('{00000000-0000-0000-0000-000000000001}', "
                    + "'{00000000-0000-0000-0000-000000000002}')", String.class);
            jdbc.execute("deallocate levels");
            status.setRollbackOnly();
            return String.join("\n", lines);
        });

        assertThat(plan).contains("Index Scan using rooms_pkey").doesNotContain("Seq Scan on rooms");
    }
}
