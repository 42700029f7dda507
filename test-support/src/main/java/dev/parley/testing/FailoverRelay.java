package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of PostgreSQL that fails over as a cluster does when its primary's host vanishes and a
 * synchronous standby is promoted (CloudNativePG, k8s/infra/postgres.yaml). At {@link #failOver()} every connection
 * open through the relay goes silent for good: its client gets no byte and no close, as from a host that is gone. Its
 * server side is closed, so its backend ends, rolls back what it had not committed and lets go of its locks, as the old
 * primary's did by dying. Connections made afterwards reach the server: the new primary, with everything committed.
 * <p>
 * {@link #failOverAtNextCommit()} picks the moment when the outcome is unknown to the client: the server has committed
 * a transaction and its answer is on the way. The relay drops that answer and fails over.
 */
public final class FailoverRelay implements AutoCloseable {

    /** The tag of PostgreSQL's CommandComplete answer to {@code commit}. */
    private static final byte[] COMMIT_COMPLETE = "COMMIT\0".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final int serverPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean failOverAtNextCommit = new AtomicBoolean();
    private final AtomicInteger failovers = new AtomicInteger();

    private FailoverRelay(ServerSocket listener, int serverPort) {
        this.listener = listener;
        this.serverPort = serverPort;
    }

    /** Relays connections to PostgreSQL on {@code serverPort} (127.0.0.1) from a free port of its own. */
    public static FailoverRelay to(int serverPort) {
        try {
            FailoverRelay relay = new FailoverRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    serverPort);
            Thread.ofPlatform().name("failover-relay").daemon().start(relay::accept);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + "/" + database;
    }

    /** The primary vanishes now, with every connection open to it. */
    public void failOver() {
        failovers.incrementAndGet();
        for (Link link : links) {
            link.strand();
        }
    }

    /** The primary vanishes right after it committed a transaction, before the client hears of it. */
    public void failOverAtNextCommit() {
        failOverAtNextCommit.set(true);
    }

    /** How many times the primary vanished so far. */
    public int failovers() {
        return failovers.get();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        links.forEach(Link::close);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                Link link = new Link(client, new Socket(InetAddress.getLoopbackAddress(), serverPort));
                links.add(link);
                Thread.ofPlatform().name("failover-relay-up").daemon().start(link::up);
                Thread.ofPlatform().name("failover-relay-down").daemon().start(link::down);
            } catch (IOException e) {
                try {
                    client.close(); // the server refused: so does the relay
                } catch (IOException closing) {
                    // closed anyway
                }
            }
        }
    }

    /** One client's connection and the relay's own to the server. */
    private final class Link {

        private final Socket client;
        private final Socket server;
        private volatile boolean stranded;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        /** Client to server; once stranded, what the client sends goes nowhere, until it gives up and closes. */
        void up() {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = client.getInputStream()) {
                OutputStream out = server.getOutputStream();
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    if (!stranded) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // either side closed
            }
            close();
        }

        /** Server to client; the answer to a commit may be the moment the primary vanishes. */
        void down() {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = server.getInputStream()) {
                OutputStream out = client.getOutputStream();
                for (int read = in.read(buffer); read >= 0 && !stranded; read = in.read(buffer)) {
                    if (contains(buffer, read, COMMIT_COMPLETE) && failOverAtNextCommit.compareAndSet(true, false)) {
                        failOver();
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the server side closed: stranded, or the server went away (then the client sees nothing either)
            }
            if (!stranded) {
                close();
            }
        }

        /** The client's side stays open and silent; the server's side closes, and the backend with it. */
        void strand() {
            stranded = true;
            links.remove(this);
            try {
                server.close();
            } catch (IOException e) {
                // closed anyway
            }
        }

        void close() {
            links.remove(this);
            try {
                server.close();
            } catch (IOException e) {
                // closed anyway
            }
            try {
                client.close();
            } catch (IOException e) {
                // closed anyway
            }
        }

        private static boolean contains(byte[] buffer, int length, byte[] part) {
            for (int i = 0; i + part.length <= length; i++) {
                if (Arrays.equals(buffer, i, i + part.length, part, 0, part.length)) {
                    return true;
                }
            }
            return false;
        }
    }
}
