package dev.parley.message.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.message.sending.MessageView;
import dev.parley.message.sending.MessageView.Reaction;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** What a page written out as the cache holds it relies on: the reactions told without parsing, the format named. */
class CachedMessageTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aMessageIsToldToHaveNoReactionsOnlyWhenItHasNone() {
        String body = "\"reactions\":[] as text, and again: {\"reactions\":[]}";
        assertThat(cached(message(body, List.of())).mayHaveReactions()).isFalse();
        assertThat(cached(message(body, List.of(new Reaction(":tada:", 1, false)))).mayHaveReactions())
                .as("the body's look-alike is escaped").isTrue();
        assertThat(new CachedMessage(1, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(message("b", List.of())))
                .mayHaveReactions()).as("written otherwise: parsed, to be safe").isTrue();
    }

    @Test
    void aPageOfCachedMessagesIsWrittenOutAsHeld() {
        CachedMessage held = cached(message("hello", List.of()));
        assertThat(JSON.writeValueAsString(new CachedPage(List.of(held, held), true)))
                .isEqualTo("{\"items\":[" + held.json() + "," + held.json() + "],\"hasMore\":true}");
    }

    @Test
    void theFormatIsTheSameForTheSameMapperAndChangesWithHowItWrites() {
        assertThat(CacheFormat.of(JSON)).hasSize(8).isEqualTo(CacheFormat.of(JsonMapper.builder().build()));
        assertThat(CacheFormat.of(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()))
                .isNotEqualTo(CacheFormat.of(JSON));
    }

    private static CachedMessage cached(MessageView message) {
        return new CachedMessage(message.seq(), JSON.writeValueAsString(message));
    }

    private static MessageView message(String body, List<Reaction> reactions) {
        UUID id = UUID.randomUUID();
        return new MessageView(id, id, 7, id, "c-7", body, Instant.now(), null, false, null, 0, null, reactions,
                List.of(), List.of());
    }
}
