package dev.parley.message.sending;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out a room's next seq. Called in the transaction that inserts the message: the upsert's row
 * lock serialises writers of one room until commit, and a rollback takes the number back — so seqs are
 * gap-free and unique however many instances write.
 */
@Component
class MessageSequencer {

    private final JdbcClient jdbc;

    MessageSequencer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long next(UUID roomId) {
        return jdbc.sql("""
                        insert into room_sequences (room_id, last_seq) values (:room, 1)
                        on conflict (room_id) do update set last_seq = room_sequences.last_seq + 1
                        returning last_seq""")
                .param("room", roomId)
                .query(Long.class)
                .single();
    }
}
