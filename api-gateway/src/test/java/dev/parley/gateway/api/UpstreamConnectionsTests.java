package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.netty.Connection;

/**
 * A cancelled request's connection to a service is closed only while it still carries that request
 * ({@link UpstreamConnections}); the requests' operations are stand-ins bound to a channel as Reactor Netty binds its own.
 */
class UpstreamConnectionsTests {

    private final EmbeddedChannel channel = new EmbeddedChannel();

    @Test
    void aConnectionStillCarryingTheRequestIsClosedOnItsOwnEventLoop() {
        Connection request = operationsOf(channel).bind();
        Connection guarded = UpstreamConnections.guard(request);

        guarded.dispose();
        assertThat(channel.isOpen()).as("closed only in the connection's turn on its event loop").isTrue();

        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aConnectionTheRequestGaveBackAndTheNextRequestTookIsLeftOpen() {
        Connection finished = operationsOf(channel).bind();
        Connection guarded = UpstreamConnections.guard(finished);

        guarded.dispose(); // the client of the finished request went away: its cleanup is queued ...
        operationsOf(channel).bind(); // ... behind the pool's hand-over of the connection to the next request
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void onAnEventLoopThatHasStoppedTheConnectionIsDisposedAtOnce() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop();
        Channel onStoppedLoop = new LocalChannel();
        loop.register(onStoppedLoop).sync();
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        AtomicBoolean disposed = new AtomicBoolean();
        Connection request = new Connection() {
            @Override
            public Channel channel() {
                return onStoppedLoop;
            }

            @Override
            public void dispose() {
                disposed.set(true);
            }
        }.bind();

        UpstreamConnections.guard(request).dispose();

        assertThat(disposed).isTrue();
    }

    @Test
    void theGuardShowsTheRequestsChannelAndWhetherItIsClosed() {
        Connection request = operationsOf(channel).bind();
        Connection guarded = UpstreamConnections.guard(request);

        assertThat(guarded.channel()).isSameAs(channel);
        assertThat(guarded.isDisposed()).isFalse();
        channel.close();
        assertThat(guarded.isDisposed()).isTrue();
    }

    /** A request's operations on the channel: a connection of its own, as each of Reactor Netty's is. */
    private static Connection operationsOf(EmbeddedChannel channel) {
        return new Connection() {
            @Override
            public Channel channel() {
                return channel;
            }
        };
    }
}
