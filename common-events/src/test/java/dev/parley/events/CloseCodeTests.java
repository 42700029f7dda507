package dev.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one place the contract's close codes (§3) are written down in a test: {@link CloseCode} is pinned to them. */
class CloseCodeTests {

    @Test
    void theCloseCodesAreTheContractsList() {
        Map<CloseCode, Integer> codes = Arrays.stream(CloseCode.values())
                .collect(Collectors.toMap(closeCode -> closeCode, CloseCode::code));
        assertThat(codes).containsExactlyInAnyOrderEntriesOf(Map.of(
                CloseCode.BINARY_FRAME, 1003,
                CloseCode.FRAME_TOO_LARGE, 1009,
                CloseCode.UNAUTHORIZED, 4001,
                CloseCode.ACCOUNT_DISABLED, 4003,
                CloseCode.POLICY, 4008,
                CloseCode.SLOW_CONSUMER, 4009,
                CloseCode.SERVER_RESTARTING, 1012,
                CloseCode.INTERNAL, 1011));
    }

    @Test
    void aNumberReadsBackAsItsCodeAndOneTheContractDoesNotListAsNone() {
        assertThat(CloseCode.ofCode(4009)).contains(CloseCode.SLOW_CONSUMER);
        assertThat(CloseCode.ofCode(1000)).isEmpty();
        assertThat(CloseCode.ofCode(1002)).isEmpty();
    }
}
