package dev.parley.gateway.ws.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.message.MarkRead;
import dev.parley.events.message.ReadMarkerMoved;
import dev.parley.gateway.ws.metrics.GatewayMetrics;
import dev.parley.gateway.ws.session.AuthenticatedUser;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.support.FakeSocket;
import dev.parley.gateway.ws.support.Sessions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandAnswersTests {

    private final CommandAnswers answers = new CommandAnswers(new GatewayMetrics(new SimpleMeterRegistry()));
    private final UUID user = UUID.randomUUID();
    private final UUID room = UUID.randomUUID();

    @Test
    void aReadMarkerMoveIsRecognisedAsTheConnectionsOwnOnce() {
        ClientSession session = signedIn(user);
        answers.rememberOwnRead(session, read(12), null);

        assertThat(answers.isOwnRead(session, moved(user, 13))).as("beyond what it asked for").isFalse();
        assertThat(answers.isOwnRead(session, moved(user, 10))).as("clamped by message-service").isTrue();
        assertThat(answers.isOwnRead(session, moved(user, 10))).as("the next move is news").isFalse();
    }

    @Test
    void anotherConnectionOfTheSameUserGetsTheMove() {
        ClientSession marking = signedIn(user);
        ClientSession other = signedIn(user);
        answers.rememberOwnRead(marking, read(12), null);

        assertThat(answers.isOwnRead(other, moved(user, 12))).isFalse();
        assertThat(answers.isOwnRead(marking, moved(user, 12))).isTrue();
    }

    @Test
    void anotherUsersMoveIsNeverTheConnectionsOwn() {
        ClientSession session = signedIn(user);
        answers.rememberOwnRead(session, read(12), null);

        assertThat(answers.isOwnRead(session, moved(UUID.randomUUID(), 12))).isFalse();
        assertThat(answers.isOwnRead(session, moved(user, 12))).as("still waiting for its own").isTrue();
    }

    @Test
    void aReadWhoseCommandNeverLeftIsNoLongerAwaited() {
        ClientSession session = signedIn(user);
        MarkRead read = read(12);
        answers.rememberOwnRead(session, read, null);
        answers.forgetOwnRead(session, read);

        assertThat(answers.isOwnRead(session, moved(user, 12))).as("a move to 12 is news").isFalse();
    }

    @Test
    void forgettingAnEarlierReadLeavesTheRoomsLaterReadAwaited() {
        ClientSession session = signedIn(user);
        MarkRead earlier = read(12);
        answers.rememberOwnRead(session, earlier, null);
        answers.rememberOwnRead(session, read(14), null);
        answers.forgetOwnRead(session, earlier);

        assertThat(answers.isOwnRead(session, moved(user, 14))).isTrue();
    }

    private MarkRead read(long seq) {
        return new MarkRead(UUID.randomUUID(), room, user, seq, null);
    }

    private ClientSession signedIn(UUID userId) {
        ClientSession session = Sessions.over(new FakeSocket(), 1024);
        session.authenticate(new AuthenticatedUser(userId, "token", Instant.now().plusSeconds(60)));
        return session;
    }

    private ReadMarkerMoved moved(UUID userId, long seq) {
        return new ReadMarkerMoved(room, userId, seq);
    }
}
