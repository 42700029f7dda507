package dev.parley.gateway.ws.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.SecondGateway;
import dev.parley.infra.Infrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.Test;

/** A gateway's fan-out groups are its own broadcast subscriptions: they go when it does. */
class FanoutGroupsTests extends GatewayIntegrationTest {

    @Test
    void aGatewayDeletesItsConsumerGroupsOnShutdownSoRestartsLeaveNoneBehind() throws Exception {
        String first = "gw-groups-" + UUID.randomUUID().toString().substring(0, 8);
        try (SecondGateway gateway = SecondGateway.start(first, Map.of())) {
            assertThat(groupsOf(first)).containsExactlyInAnyOrder("ws-gateway-" + first + "-messages",
                    "ws-gateway-" + first + "-rooms", "ws-gateway-" + first + "-presence",
                    "ws-gateway-" + first + "-signals");
        }
        assertThat(groupsOf(first)).isEmpty();

        // the restart (a new pod: another random gateway id) has groups of its own, deleted the same way
        String second = "gw-groups-" + UUID.randomUUID().toString().substring(0, 8);
        try (SecondGateway restarted = SecondGateway.start(second, Map.of())) {
            assertThat(groupsOf(second)).hasSize(4);
            assertThat(groupsOf(first)).isEmpty();
        }
        assertThat(groupsOf(second)).isEmpty();
    }

    private static List<String> groupsOf(String gatewayId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.shared().kafkaBootstrapServers()))) {
            return admin.listGroups().all().get(10, TimeUnit.SECONDS).stream().map(GroupListing::groupId)
                    .filter(group -> group.startsWith("ws-gateway-" + gatewayId + "-")).toList();
        }
    }
}
