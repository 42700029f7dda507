package dev.parley.message.history;

import dev.parley.message.sending.MessageView;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A message as the recent-history cache holds it: its seq (the entry's score) and its JSON, which the service's own
 * mapper wrote as every answer writes a {@link MessageView}, reactions without {@code me}. A page none of whose
 * messages has a reaction is the same for every reader, so it is written out as held rather than parsed and written
 * again; a page with one is parsed, to mark the reader's own. Entries of another format are never read
 * ({@link CacheFormat}).
 */
@JsonSerialize(using = CachedMessage.AsHeld.class)
record CachedMessage(long seq, String json) {

    /**
     * How the mapper writes a message without reactions. The text cannot occur elsewhere in it: a quote inside a
     * string is escaped, and no other object of a message has a field of that name.
     */
    private static final String NO_REACTIONS = "\"reactions\":[]";

    boolean mayHaveReactions() {
        return !json.contains(NO_REACTIONS);
    }

    static final class AsHeld extends ValueSerializer<CachedMessage> {

        @Override
        public void serialize(CachedMessage message, JsonGenerator generator, SerializationContext context) {
            generator.writeRawValue(message.json());
        }
    }
}
