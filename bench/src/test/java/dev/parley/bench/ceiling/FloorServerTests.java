package dev.parley.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.ws.Frame;
import dev.parley.infra.Infrastructure;
import dev.parley.infra.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * W1's floor: every test of the ceiling again with each send going through a real Kafka and PostgreSQL, and what
 * only the floor does — a send is acknowledged once it is stored, with the seq PostgreSQL gave it.
 */
class FloorServerTests extends CeilingServerTests {

    private static final Infrastructure INFRA = Infrastructure.shared();

    @Override
    CeilingServer startServer() throws Exception {
        return CeilingServer.start(0, 2, new CeilingServer.Floor(INFRA.kafkaBootstrapServers(), serverUrl()));
    }

    @Test
    void everyAcknowledgedSendIsStoredInPostgresWithItsSeq() throws Exception {
        Received alice = connect("alice", 0);
        alice.subscribe("room-3");
        for (int i = 1; i <= 3; i++) {
            alice.connection.send(send("c" + i, "room-3", "message " + i));
        }

        List<Frame> acks = alice.next(6).stream().filter(frame -> frame.is("ack")).toList();

        assertThat(acks).extracting(Frame::seq).containsExactly(1L, 2L, 3L);
        assertThat(stored("room-3")).containsExactly("1 c1 message 1", "2 c2 message 2", "3 c3 message 3");
    }

    private static List<String> stored(String roomId) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(serverUrl() + FloorStore.DATABASE,
                PostgresServer.USER, "");
             PreparedStatement select = connection.prepareStatement(
                     "select seq, client_msg_id, body from floor_messages where room_id = ? order by seq")) {
            select.setString(1, roomId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getLong(1) + " " + result.getString(2) + " " + result.getString(3));
                }
            }
        }
        return rows;
    }

    private static String serverUrl() {
        return INFRA.postgres().jdbcUrl("");
    }
}
