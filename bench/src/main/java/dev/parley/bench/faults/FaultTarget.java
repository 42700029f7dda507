package dev.parley.bench.faults;

import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.infra.launcher.Replica;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A process the workload kills -9 and starts again — or, as {@code freeze:<name>}, stops with SIGSTOP and
 * resumes with SIGCONT, a stall in which its connections stay open and nothing answers: a component of the
 * platform, or a second instance of a service.
 */
record FaultTarget(String name, Component component, Replica replica, boolean freeze) {

    static final String FREEZE = "freeze:";

    /** The order: infrastructure first, then the services, the public entry last. */
    private static final List<Component> DEFAULT_ORDER = List.of(Component.KAFKA, Component.POSTGRES, Component.REDIS,
            Component.HISTORY_CACHE_REDIS, Component.AUTH_SERVICE, Component.ROOM_SERVICE, Component.MESSAGE_SERVICE,
            Component.WS_GATEWAY, Component.API_GATEWAY);

    static final List<Replica> SECOND_INSTANCES = List.of(new Replica(Component.MESSAGE_SERVICE, 2),
            new Replica(Component.WS_GATEWAY, 2));

    /**
     * What a run does unless told otherwise: every component killed -9 in {@link #DEFAULT_ORDER} (then the second
     * instances, when they run), then each of them frozen in the same order.
     */
    static String defaults(boolean secondInstances) {
        List<String> processes = new ArrayList<>(DEFAULT_ORDER.stream().map(Component::id).toList());
        if (secondInstances) {
            SECOND_INSTANCES.stream().map(Replica::spec).forEach(processes::add);
        }
        return String.join(",", processes) + "," + processes.stream().map(process -> FREEZE + process)
                .collect(Collectors.joining(","));
    }

    static FaultTarget of(Component component) {
        return new FaultTarget(component.id(), component, null, false);
    }

    static FaultTarget of(Replica replica) {
        return new FaultTarget(replica.spec(), replica.component(), replica, false);
    }

    /**
     * {@code kafka,ws-gateway,ws-gateway#2,freeze:postgres}: components by id, second instances as
     * {@code service#2}, either after {@code freeze:} to be frozen instead of killed.
     */
    static List<FaultTarget> parse(String spec) {
        List<FaultTarget> targets = new ArrayList<>();
        for (String part : spec.split(",")) {
            String name = part.strip();
            boolean freeze = name.startsWith(FREEZE);
            String process = freeze ? name.substring(FREEZE.length()).strip() : name;
            if (freeze && process.isEmpty()) {
                throw new IllegalArgumentException("'" + FREEZE + "' names no process to freeze");
            }
            if (!process.isEmpty()) {
                FaultTarget target = Replica.isSpec(process) ? of(Replica.parse(process)) : of(Component.byId(process));
                targets.add(new FaultTarget(freeze ? FREEZE + target.name() : target.name(), target.component(),
                        target.replica(), freeze));
            }
        }
        return targets;
    }

    /** What is done to it: SIGKILL of its whole process tree, returning once it is gone; or SIGSTOP of it. */
    void strike(Platform platform) {
        if (freeze) {
            apply(platform::freeze, platform::freeze);
        } else {
            apply(platform::kill, platform::kill);
        }
    }

    /** Starts it again and returns once it is ready; or SIGCONT, after which it may need a while to be ready. */
    void recover(Platform platform) {
        if (freeze) {
            apply(platform::thaw, platform::thaw);
        } else {
            apply(platform::start, platform::start);
        }
    }

    private void apply(Consumer<Component> toComponent, Consumer<Replica> toReplica) {
        if (replica == null) {
            toComponent.accept(component);
        } else {
            toReplica.accept(replica);
        }
    }

    boolean isHealthy(Platform platform) {
        return replica == null ? platform.isReady(component) : platform.isReady(replica);
    }
}
