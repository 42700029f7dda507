package dev.parley.gateway.ws.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.message.MessageCommand;
import dev.parley.events.message.MessagePosted;
import dev.parley.events.message.SendMessage;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.MessagePipelineStandIn;
import dev.parley.gateway.ws.support.WsTestClient;
import dev.parley.infra.Infrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The gateway does not wait for the broker before reading a connection's next frame, so a command the
 * broker does not take is answered later, from the producer's callback: {@code internal} with the send's
 * id. The connection stays open and the same {@code clientMsgId} sent again goes through and is acked.
 * The broker refuses for real: for a moment the commands topic takes no record of that size.
 */
class RefusedCommandTests extends GatewayIntegrationTest {

    private final UUID alice = UUID.randomUUID();
    private final UUID room = publicRoom(0, alice);

    @Test
    void aCommandTheBrokerNeverTakesIsAnsweredInternalAndItsResendGoesThrough() throws Exception {
        try (MessagePipelineStandIn commands = new MessagePipelineStandIn(Topic.MESSAGE_COMMANDS);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     Infrastructure.shared().kafkaBootstrapServers()))) {
            WsTestClient client = connectReady(alice).ignoring("presence");
            client.send(subscribe(room)).next("subscribed");

            limitRecordSize(admin, "64");
            try {
                client.send(send("m-1", "refused", "s-1"));
                JsonNode error = client.next("error");
                assertThat(error.path("code").asString()).isEqualTo("internal");
                assertThat(error.path("id").asString()).isEqualTo("s-1");
            } finally {
                limitRecordSize(admin, null);
            }
            assertThat(commands.collect(MessageCommand.class, Duration.ofMillis(500)))
                    .as("the refused command was not written").filteredOn(this::inRoom).isEmpty();

            client.send(send("m-1", "refused", "s-2"));
            SendMessage resent = (SendMessage) commands.await(MessageCommand.class, this::inRoom).event();
            assertThat(resent.clientMsgId()).isEqualTo("m-1");
            commands.publish(new MessagePosted(room, 1, UUID.randomUUID(), alice, "m-1", "refused", Instant.now(),
                    resent.commandId(), resent.origin()));
            client.next("message");
            JsonNode ack = client.next("ack");
            assertThat(ack.path("id").asString()).isEqualTo("s-2");
            assertThat(client.isOpen()).isTrue();
        }
    }

    /** {@code null}: back to the broker's default. */
    private static void limitRecordSize(Admin admin, String bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topic.MESSAGE_COMMANDS.topicName());
        ConfigEntry entry = new ConfigEntry("max.message.bytes", bytes);
        AlterConfigOp op = new AlterConfigOp(entry, bytes == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get();
    }

    private boolean inRoom(MessageCommand command) {
        return command.roomId().equals(room);
    }

    private String send(String clientMsgId, String body, String id) {
        return "{\"type\":\"send\",\"roomId\":\"" + room + "\",\"clientMsgId\":\"" + clientMsgId + "\",\"body\":\""
                + body + "\",\"id\":\"" + id + "\"}";
    }
}
