package dev.parley.gateway.ws.session;

import dev.parley.gateway.ws.metrics.GatewayMetrics;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * The connections of this instance that have not authenticated yet, each held for up to the auth
 * timeout: at most {@code maxPendingAuth} of them, and {@code maxPendingAuthPerAddress} from one client
 * address, so that nobody can hold the instance's sockets and memory without a token. A place is taken
 * before the upgrade and given back exactly once: when the connection authenticates, when it ends, or
 * when the upgrade does not happen after all.
 */
@Component
public class PendingAuthentications {

    private final int maxTotal;
    private final int maxPerAddress;
    private final Map<String, Integer> byAddress = new HashMap<>();
    private int total;

    PendingAuthentications(LimitProperties limits, GatewayMetrics metrics) {
        this.maxTotal = limits.maxPendingAuth();
        this.maxPerAddress = limits.maxPendingAuthPerAddress();
        metrics.gauge("parley.ws.connections.pending", "Connections of this instance not authenticated yet",
                this::count);
    }

    /** One connection's place; releasing it more than once gives back one place only. */
    public final class Place {

        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();

        private Place(String address) {
            this.address = address;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                giveBack(address);
            }
        }
    }

    /** A place for a connection from the address, or empty when the instance or the address has none left. */
    public synchronized Optional<Place> reserve(String address) {
        int fromAddress = byAddress.getOrDefault(address, 0);
        if (total >= maxTotal || fromAddress >= maxPerAddress) {
            return Optional.empty();
        }
        total++;
        byAddress.put(address, fromAddress + 1);
        return Optional.of(new Place(address));
    }

    public synchronized int count() {
        return total;
    }

    /** How many addresses hold a place (none once every place is given back). */
    public synchronized int addresses() {
        return byAddress.size();
    }

    private synchronized void giveBack(String address) {
        total--;
        byAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    }
}
