package dev.parley.bench.chat;

import java.util.concurrent.CompletableFuture;

/** A connection's part in a chat run: the room it follows and sends to, and what it received there. */
record ChatMember(int room, int member, SubscriptionLog log, CompletableFuture<Long> subscribed) {

    ChatMember(int room, int member, SubscriptionLog log) {
        this(room, member, log, new CompletableFuture<>());
    }

    /** The same member, waiting for the answer to a subscribe sent again. */
    ChatMember resubscribing() {
        return new ChatMember(room, member, log);
    }
}
