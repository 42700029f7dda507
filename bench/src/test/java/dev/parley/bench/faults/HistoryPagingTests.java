package dev.parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.bench.api.ParleyApi.HistoryPage;
import dev.parley.bench.api.ParleyApi.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class HistoryPagingTests {

    private final List<Long> asked = new ArrayList<>();

    @Test
    void pagesAfterTheLastSeqReadUntilTheHistoryEnds() {
        List<Long> read = new ArrayList<>();

        long last = HistoryPaging.readAfter(40, Long.MAX_VALUE, pagesOf(250), message -> read.add(message.seq()));

        assertThat(last).isEqualTo(250);
        assertThat(read).containsExactlyElementsOf(LongStream.rangeClosed(41, 250).boxed().toList());
        assertThat(asked).containsExactly(40L, 140L, 240L);
    }

    @Test
    void stopsOnceItReachedTheHeadItWasAskedFor() {
        long last = HistoryPaging.readAfter(0, 100, pagesOf(1000), message -> { });

        assertThat(last).isEqualTo(100);
        assertThat(asked).containsExactly(0L);
    }

    @Test
    void aPageGoingBackwardsIsAnError() {
        assertThatThrownBy(() -> HistoryPaging.readAfter(5, 10, (after, limit) -> new HistoryPage(
                List.of(new StoredMessage(3, "m3", "u", "c")), true), message -> { }))
                .hasMessageContaining("seq 3");
    }

    private HistoryPaging.Pages pagesOf(long head) {
        return (after, limit) -> {
            asked.add(after);
            List<StoredMessage> items = LongStream.rangeClosed(after + 1, Math.min(head, after + limit))
                    .mapToObj(seq -> new StoredMessage(seq, "m" + seq, "u", "c" + seq)).toList();
            return new HistoryPage(items, after + limit < head);
        };
    }
}
