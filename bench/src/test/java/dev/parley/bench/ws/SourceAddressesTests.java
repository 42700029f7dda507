package dev.parley.bench.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceAddressesTests {

    @Test
    void aRangeGivesEachAddressInTurn() {
        SourceAddresses addresses = SourceAddresses.parse("127.0.0.2-127.0.0.4");

        assertThat(addresses.size()).isEqualTo(3);
        assertThat(addresses.next().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(addresses.next().getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(addresses.next().getHostAddress()).isEqualTo("127.0.0.4");
        assertThat(addresses.next().getHostAddress()).isEqualTo("127.0.0.2");
    }

    @Test
    void onlyLoopbackAddressesAreAccepted() {
        assertThatThrownBy(() -> SourceAddresses.parse("10.0.0.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceAddresses.parse("example.org")).isInstanceOf(IllegalArgumentException.class);
    }
}
