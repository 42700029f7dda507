package dev.parley.gateway.ws.endpoint;

import dev.parley.events.ErrorCode;
import dev.parley.gateway.ws.command.MessageCommands;
import dev.parley.gateway.ws.protocol.ClientFrame;
import dev.parley.gateway.ws.protocol.ServerFrame;
import dev.parley.gateway.ws.session.ClientSession;
import dev.parley.gateway.ws.subscription.SubscriptionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Hands each frame of a ready session to its feature; a failure is an {@code internal} error, never a close. */
@Component
class FrameRouter {

    private static final Logger log = LoggerFactory.getLogger(FrameRouter.class);

    private final SessionAuthenticator authenticator;
    private final SubscriptionService subscriptions;
    private final MessageCommands commands;

    FrameRouter(SessionAuthenticator authenticator, SubscriptionService subscriptions, MessageCommands commands) {
        this.authenticator = authenticator;
        this.subscriptions = subscriptions;
        this.commands = commands;
    }

    void route(ClientSession session, ClientFrame frame) {
        try {
            switch (frame) {
                case ClientFrame.Auth auth -> authenticator.authenticate(session, auth);
                case ClientFrame.Ping ping -> session.send(new ServerFrame.Pong(ping.id()));
                case ClientFrame.Subscribe subscribe -> subscriptions.subscribe(session, subscribe);
                case ClientFrame.Unsubscribe unsubscribe -> subscriptions.unsubscribe(session, unsubscribe);
                case ClientFrame.Send send -> commands.send(session, send);
                case ClientFrame.Typing typing -> commands.typing(session, typing);
                case ClientFrame.Read read -> commands.markRead(session, read);
            }
        } catch (RuntimeException e) {
            log.error("Failed to handle a {} frame of session {}", frame.getClass().getSimpleName(), session.id(), e);
            session.send(ServerFrame.Error.of(ErrorCode.INTERNAL, "internal error", frame.id()));
        }
    }
}
