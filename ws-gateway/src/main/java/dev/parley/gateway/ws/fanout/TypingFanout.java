package dev.parley.gateway.ws.fanout;

import dev.parley.events.signal.SignalEvent;
import dev.parley.events.signal.Typing;
import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.protocol.FrameWriter;
import dev.parley.gateway.ws.protocol.OutboundFrame;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.subscription.RoomSubscriptions;
import dev.parley.gateway.ws.subscription.Subscription;
import java.util.Collection;
import org.springframework.stereotype.Service;

/**
 * Typing signals become {@code typing} pushes to the room's subscribers — except the connection that
 * typed (named by the signal's gateway and session ids); the typist's other connections do get it.
 */
@Service
class TypingFanout {

    private final RoomSubscriptions subscriptions;
    private final FrameWriter writer;
    private final String gatewayId;

    TypingFanout(RoomSubscriptions subscriptions, FrameWriter writer, GatewayProperties gateway) {
        this.subscriptions = subscriptions;
        this.writer = writer;
        this.gatewayId = gateway.gatewayId();
    }

    void dispatch(SignalEvent event) {
        switch (event) {
            case Typing typing -> typing(typing);
        }
    }

    private void typing(Typing typing) {
        Collection<Subscription> followers = subscriptions.of(typing.roomId());
        if (followers.isEmpty()) {
            return;
        }
        OutboundFrame push = writer.write(new ServerFrame.TypingPush(typing.roomId(), typing.userId()));
        boolean typedHere = gatewayId.equals(typing.gatewayId());
        for (Subscription subscription : followers) {
            if (!(typedHere && subscription.session().id().equals(typing.sessionId()))) {
                subscription.deliverIfLive(push);
            }
        }
    }
}
