package dev.parley.infra.launcher;

/**
 * An extra instance of a service, number 2 and up (the standard one is number 1): {@code ws-gateway#2}
 * runs beside {@code ws-gateway} on a port of its own, with its own log ({@code .parley/logs/ws-gateway-2.log})
 * and state entry. Used to run a service scaled out on one machine, e.g. by {@code ./parley bench w4}.
 */
public record Replica(Component component, int number) {

    public Replica {
        if (!component.isService() || number < 2) {
            throw new IllegalArgumentException("Only services have extra instances, numbered from 2: "
                    + component.id() + "#" + number);
        }
    }

    /** {@code ws-gateway#2} → ws-gateway, number 2. */
    public static Replica parse(String spec) {
        int hash = spec.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("Not an extra instance: " + spec + " (expected e.g. ws-gateway#2)");
        }
        return new Replica(Component.byId(spec.substring(0, hash)), Integer.parseInt(spec.substring(hash + 1)));
    }

    public static boolean isSpec(String spec) {
        return spec.contains("#");
    }

    /** The name of its log, data folder and state entry: {@code ws-gateway-2}. */
    public String id() {
        return component.id() + "-" + number;
    }

    /** How the command line names it: {@code ws-gateway#2}. */
    public String spec() {
        return component.id() + "#" + number;
    }

    /** The environment variable that overrides its port, e.g. {@code PARLEY_PORT_WS_GATEWAY_2}. */
    public String portVariable() {
        return component.portVariable() + "_" + number;
    }
}
