package dev.parley.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageStampTests {

    @Test
    void theStampTravelsInTheClientMsgIdAndComesBack() {
        MessageStamp stamp = new MessageStamp(12, 123_456_789L, 98_765_432_101_234L);

        String clientMsgId = stamp.clientMsgId();

        assertThat(clientMsgId).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(MessageStamp.parse(clientMsgId)).isEqualTo(stamp);
    }

    @Test
    void theBodyHasTheAskedLengthAndCarriesTheIntendedTime() {
        String body = new MessageStamp(1, 2, 3_000_000_000L).body(60);

        assertThat(body).hasSize(60).startsWith("parley bench 1 3000000000 ");
    }

    @Test
    void otherClientMsgIdsAreNotStamps() {
        assertThat(MessageStamp.parse("c1")).isNull();
        assertThat(MessageStamp.parse("b-x")).isNull();
        assertThat(MessageStamp.parse(null)).isNull();
    }
}
