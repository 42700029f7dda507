package dev.parley.bench.ceiling;

import dev.parley.infra.PostgresServer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The floor's PostgreSQL side: a database of its own ({@code parley_floor}) on the platform's server, one table of
 * rooms' sequences and one of messages, and a batch stored by one statement in its own transaction — one round trip,
 * its commit included: each room's sequence advanced by the batch's count, the messages numbered from it in the
 * batch's order, a repeated {@code (room, clientMsgId)} skipped (its seq left unused: the floor measures a cost, and
 * the bench's clients never repeat a send). Used by one thread.
 */
final class FloorStore implements AutoCloseable {

    static final String DATABASE = "parley_floor";

    private static final String STORE = """
            with batch as (
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                    with ordinality as b(room_id, message_id, sender_id, client_msg_id, body, created_at, n)),
            counts as (select room_id, count(*) as added from batch group by room_id),
            advanced as (
                update floor_rooms r set seq = r.seq + counts.added from counts where r.room_id = counts.room_id
                returning r.room_id, r.seq - counts.added as base)
            insert into floor_messages (room_id, seq, message_id, sender_id, client_msg_id, body, created_at)
            select batch.room_id, advanced.base + row_number() over (partition by batch.room_id order by batch.n),
                   batch.message_id::uuid, batch.sender_id, batch.client_msg_id, batch.body, batch.created_at
            from batch join advanced using (room_id)
            on conflict (room_id, client_msg_id) do nothing
            returning room_id, client_msg_id, seq""";

    /** One message to store, as the floor's command carries it. */
    record Pending(String roomId, String messageId, String senderId, String clientMsgId, String body, String createdAt) {
    }

    private final Connection connection;
    private final PreparedStatement store;
    private final PreparedStatement createRoom;
    private final Set<String> knownRooms = new HashSet<>();

    private FloorStore(Connection connection) throws SQLException {
        this.connection = connection;
        this.store = connection.prepareStatement(STORE);
        this.createRoom = connection.prepareStatement(
                "insert into floor_rooms (room_id, seq) values (?, 0) on conflict do nothing");
    }

    /**
     * Opens the floor's database on the server {@code serverUrl} points at ({@code jdbc:postgresql://host:port/}), creating
     * it and its tables when missing and emptying them otherwise: every run starts from empty tables, as a fresh clone does.
     */
    static FloorStore open(String serverUrl) throws SQLException {
        PostgresServer.createDatabase(serverUrl, DATABASE);
        Connection connection = DriverManager.getConnection(serverUrl + DATABASE, PostgresServer.USER, "");
        try (Statement schema = connection.createStatement()) {
            schema.execute("create table if not exists floor_rooms (room_id text primary key, seq bigint not null)");
            schema.execute("""
                    create table if not exists floor_messages (
                        room_id text not null, seq bigint not null, message_id uuid not null, sender_id text not null,
                        client_msg_id text not null, body text not null, created_at timestamptz not null,
                        primary key (room_id, seq), unique (room_id, client_msg_id))""");
            schema.execute("truncate floor_rooms, floor_messages");
            return new FloorStore(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Stores the batch, committed when this returns; each stored message's seq by room and clientMsgId. */
    Map<String, Long> store(List<Pending> batch) throws SQLException {
        for (Pending pending : batch) {
            if (knownRooms.add(pending.roomId())) {
                createRoom.setString(1, pending.roomId());
                createRoom.executeUpdate();
            }
        }
        bind(1, batch.stream().map(Pending::roomId));
        bind(2, batch.stream().map(Pending::messageId));
        bind(3, batch.stream().map(Pending::senderId));
        bind(4, batch.stream().map(Pending::clientMsgId));
        bind(5, batch.stream().map(Pending::body));
        bind(6, batch.stream().map(Pending::createdAt));
        Map<String, Long> seqs = new HashMap<>();
        try (ResultSet rows = store.executeQuery()) {
            while (rows.next()) {
                seqs.put(key(rows.getString(1), rows.getString(2)), rows.getLong(3));
            }
        }
        return seqs;
    }

    static String key(String roomId, String clientMsgId) {
        return roomId + '\n' + clientMsgId;
    }

    private void bind(int index, java.util.stream.Stream<String> values) throws SQLException {
        Array array = connection.createArrayOf("text", values.toArray());
        store.setArray(index, array);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
