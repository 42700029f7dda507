package dev.parley.gateway.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How long a client may take to send a request's body ({@link RequestBodyDeadline}, {@link UploadsInFlight},
 * ADR 0029, ADR 0030). Not contract limits (§7 names none): Parley's own. Environment variables follow Spring's relaxed
 * binding, e.g. {@code PARLEY_EDGE_SLOWCLIENTS_BODYTIMEOUT=5s}.
 *
 * @param bodyTimeout       a body other than an upload (JSON, at most 64 KiB) arrives whole within it
 * @param bodyBytesPerAddress how many bytes of such bodies one client address may have arriving at once, as they
 *                          declare them (a chunked one counts as the most a body may hold): each is held at the edge
 *                          until whole, so this bounds what one address can make the edge hold
 * @param bodyBytesPerInstance how many bytes of such bodies this edge instance may have arriving at once, from all
 *                          addresses together, counted as above: what many addresses together can make it hold
 * @param uploadMinRate     an upload brings at least this much a second, over each {@code uploadWindow}
 * @param uploadWindow      how long an upload may bring less than its minimum rate (also its grace at the start)
 * @param uploadMaxDuration an upload's body arrives whole within it
 * @param uploadsPerUser    how many uploads one user may have in flight through one edge instance
 */
@Validated
@ConfigurationProperties("parley.edge.slow-clients")
record SlowClientProperties(
        @DefaultValue("10s") Duration bodyTimeout,
        @DefaultValue("2MB") DataSize bodyBytesPerAddress,
        @DefaultValue("64MB") DataSize bodyBytesPerInstance,
        @DefaultValue("4KB") DataSize uploadMinRate,
        @DefaultValue("10s") Duration uploadWindow,
        @DefaultValue("10m") Duration uploadMaxDuration,
        @DefaultValue("4") int uploadsPerUser) {

    SlowClientProperties {
        if (!positive(bodyTimeout) || !positive(uploadWindow) || !positive(uploadMaxDuration)) {
            throw new IllegalArgumentException("The body timeout, the upload window and the upload's longest duration "
                    + "must be 1 ms or more");
        }
        if (uploadMinRate.isNegative() || bodyBytesPerAddress.toBytes() < 1 || bodyBytesPerInstance.toBytes() < 1
                || uploadsPerUser < 1) {
            throw new IllegalArgumentException("An upload's minimum rate must be 0 or more, the body bytes per address "
                    + "and per instance and the uploads per user 1 or more");
        }
    }

    /** The least an upload must bring in each window. */
    long uploadMinBytesPerWindow() {
        return uploadMinRate.toBytes() * uploadWindow.toMillis() / 1000;
    }

    private static boolean positive(Duration duration) {
        return duration.toMillis() >= 1;
    }
}
