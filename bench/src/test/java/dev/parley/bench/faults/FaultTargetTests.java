package dev.parley.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Replica;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultTargetTests {

    @Test
    void componentsAndSecondInstancesAreKilledUnlessNamedAfterFreeze() {
        List<FaultTarget> targets = FaultTarget.parse("kafka, freeze:postgres,message-service#2,freeze:ws-gateway#2,");

        assertThat(targets).containsExactly(
                new FaultTarget("kafka", Component.KAFKA, null, false),
                new FaultTarget("freeze:postgres", Component.POSTGRES, null, true),
                new FaultTarget("message-service#2", Component.MESSAGE_SERVICE, new Replica(Component.MESSAGE_SERVICE, 2),
                        false),
                new FaultTarget("freeze:ws-gateway#2", Component.WS_GATEWAY, new Replica(Component.WS_GATEWAY, 2), true));
    }

    @Test
    void byDefaultEveryProcessIsKilledThenEveryOneFrozenInTheSameOrder() {
        List<FaultTarget> targets = FaultTarget.parse(FaultTarget.defaults(true));

        assertThat(targets).hasSize(2 * (Component.values().length + 2));
        List<FaultTarget> kills = targets.subList(0, targets.size() / 2);
        List<FaultTarget> freezes = targets.subList(targets.size() / 2, targets.size());
        assertThat(kills).noneMatch(FaultTarget::freeze).extracting(FaultTarget::component)
                .startsWith(Component.KAFKA).containsAll(List.of(Component.values()));
        assertThat(kills.getLast().name()).isEqualTo("ws-gateway#2");
        assertThat(freezes).allMatch(FaultTarget::freeze).extracting(FaultTarget::name)
                .containsExactlyElementsOf(kills.stream().map(kill -> FaultTarget.FREEZE + kill.name()).toList());
        assertThat(FaultTarget.parse(FaultTarget.defaults(false))).hasSize(2 * Component.values().length)
                .noneMatch(target -> target.replica() != null);
    }

    @Test
    void anUnknownNameIsRefusedFrozenOrNot() {
        assertThatThrownBy(() -> FaultTarget.parse("freeze:mongodb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultTarget.parse("freeze:")).isInstanceOf(IllegalArgumentException.class);
    }
}
