package dev.parley.message.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.jdbc.GenericPlans;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The command batch's access query looks each pair up by key, whatever the projection holds: with a few thousand
 * rooms, all deleted (what a bench leaves behind), its generic plan had read the whole rooms table on every batch,
 * and with W1's 2,000 memberships the whole room_members table.
 */
class RoomAccessPlanTests extends IntegrationTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void theAccessQueryLooksUpEachPairEvenWhenScanningLooksCheaper() {
        String plan = accessPlanAfter("""
                insert into rooms (room_id, kind, visibility, deleted)
                select gen_random_uuid(), 'group', 'private', true from generate_series(1, 3000)""", "analyze rooms");

        assertThat(plan).contains("Index Scan using rooms_pkey").doesNotContain("Seq Scan on rooms");
    }

    @Test
    void theAccessQueryLooksUpEachMembershipAndBanEvenWhenScanningLooksCheaper() {
        String plan = accessPlanAfter("""
                insert into room_members (room_id, user_id, role)
                select gen_random_uuid(), gen_random_uuid(), 'member' from generate_series(1, 2000)""", """
                insert into room_bans (room_id, user_id)
                select gen_random_uuid(), gen_random_uuid() from generate_series(1, 2000)""",
                "analyze room_members", "analyze room_bans");

        assertThat(plan).containsPattern("Index (Only )?Scan using \\w+ on room_members")
                .containsPattern("Index (Only )?Scan using \\w+ on room_bans")
                .doesNotContain("Seq Scan on room_members", "Seq Scan on room_bans");
    }

    /** The access query's generic plan for one pair, once {@code setUp} has filled and analysed the tables. */
    private String accessPlanAfter(String... setUp) {
        return GenericPlans.explain(jdbc, transaction, List.of(setUp), ProjectedRoomAccess.LEVELS,
                List.of("uuid[]", "uuid[]"),
                List.of("'{00000000-0000-0000-0000-000000000001}'", "'{00000000-0000-0000-0000-000000000002}'"));
    }
}
