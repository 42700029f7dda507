package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay in front of a server of the local infrastructure (PostgreSQL, Redis), through which one client alone
 * connects, so that a test can take the server away from that client only, in the two ways a server goes away:
 * <ul>
 *   <li>{@link #cut()}: its process died on a host that still answers. Every connection is dropped (both sides
 *   closed) and new ones are refused, until {@link #restore()}.</li>
 *   <li>{@link #strand()}: its host vanished, and a standby took over (a failover, as CloudNativePG promotes a
 *   synchronous standby, k8s/infra/postgres.yaml). Every open connection goes silent for good: its client gets no
 *   byte and no close. Its server side is closed, so the server ends its session as if the client had died (a
 *   PostgreSQL backend rolls back what it had not committed and lets go of its locks). Connections made afterwards
 *   reach the server: the new primary, with everything committed.</li>
 * </ul>
 * {@link #strandWhenServerSends(byte[])} picks the moment of a stranding: the server has answered, and its answer is
 * lost on the way, so the outcome is unknown to the client (a commit that took effect, say).
 */
public final class TcpRelay implements AutoCloseable {

    private final int port;
    private final int serverPort;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicReference<byte[]> strandAt = new AtomicReference<>();
    private final AtomicInteger strandings = new AtomicInteger();
    private volatile ServerSocket listener;
    private Thread acceptor;
    private Socket heldPort;
    private volatile boolean closed;

    private TcpRelay(ServerSocket listener, int serverPort) {
        this.listener = listener;
        this.port = listener.getLocalPort();
        this.serverPort = serverPort;
    }

    /** Relays connections to the server on {@code serverPort} (127.0.0.1) from a free port of its own. */
    public static TcpRelay to(int serverPort) {
        try {
            TcpRelay relay = new TcpRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), serverPort);
            relay.startAccepting();
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the client connects (127.0.0.1); the same port after {@link #restore()}. */
    public int port() {
        return port;
    }

    /** The server's process dies: every connection is dropped, and new ones are refused until {@link #restore()}. */
    public synchronized void cut() {
        closeQuietly(listener);
        awaitAcceptorsEnd();
        if (heldPort == null) { // cut once
            heldPort = holdPort();
        }
        links.forEach(Link::close);
    }

    /** The server is back after {@link #cut()}, on the same port: new connections reach it again. */
    public synchronized void restore() {
        if (closed || !listener.isClosed()) {
            return;
        }
        try {
            releaseHeldPort();
            ServerSocket reopened = new ServerSocket();
            reopened.setReuseAddress(true);
            reopened.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listener = reopened;
            startAccepting();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's host vanishes now, with every connection open to it; the next connections reach a standby. */
    public void strand() {
        strandings.incrementAndGet();
        for (Link link : links) {
            link.strand();
        }
    }

    /**
     * The server's host vanishes at the first answer it sends that contains {@code marker} (in one read), before the
     * client has any of that answer: e.g. PostgreSQL's CommandComplete of a commit, {@code "COMMIT\0"}. Once.
     */
    public void strandWhenServerSends(byte[] marker) {
        strandAt.set(marker.clone());
    }

    /** How many times the server's host vanished so far. */
    public int strandings() {
        return strandings.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(listener);
        releaseHeldPort();
        links.forEach(Link::close);
    }

    /**
     * Binds the port without listening, for as long as the relay is cut: a connection to it is refused, as to a dead
     * server's, and the port stays the relay's: left free, it could be bound by another process on the machine, or
     * be picked as the source port of a connection to it, which Linux then connects to itself.
     */
    private Socket holdPort() {
        Socket placeholder = new Socket();
        try {
            placeholder.setReuseAddress(true); // the relay's closed connections may still be in TIME_WAIT on it
            placeholder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return placeholder;
        } catch (IOException e) {
            closeQuietly(placeholder);
            return null; // taken in between: restore() will say so
        }
    }

    private void releaseHeldPort() {
        if (heldPort != null) {
            closeQuietly(heldPort);
            heldPort = null;
        }
    }

    private void startAccepting() {
        ServerSocket accepting = listener;
        acceptor = Thread.ofPlatform().name("tcp-relay-" + port).daemon().start(() -> accept(accepting));
    }

    /**
     * A listener closed while a thread is blocked accepting on it is let go of by the kernel only once that thread
     * returns; until then it still completes handshakes (found in CI: a connection right after a cut that was not
     * refused).
     */
    private void awaitAcceptorsEnd() {
        try {
            if (!acceptor.join(Duration.ofSeconds(5))) {
                throw new IllegalStateException("the relay's acceptor did not end within 5 s of its listener's close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the relay's listener closed", e);
        }
    }

    private void accept(ServerSocket accepting) {
        while (!accepting.isClosed()) {
            Socket client;
            try {
                client = accepting.accept();
            } catch (IOException e) {
                return; // cut or closed
            }
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), 2000);
            } catch (IOException e) {
                closeQuietly(client); // the server refused: so does the relay
                closeQuietly(server);
                continue;
            }
            Link link = new Link(client, server);
            links.add(link);
            if (accepting.isClosed()) {
                link.close(); // cut while this one was being connected
                continue;
            }
            Thread.ofPlatform().name("tcp-relay-up").daemon().start(link::up);
            Thread.ofPlatform().name("tcp-relay-down").daemon().start(link::down);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closed anyway
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
                        try {
                            out.write(buffer, 0, read);
                            out.flush();
                        } catch (IOException serverSideClosed) {
                            if (!stranded) {
                                throw serverSideClosed;
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // either side closed
            }
            close();
        }

        /** Server to client; an answer containing the marker may be the moment the server's host vanishes. */
        void down() {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = server.getInputStream()) {
                OutputStream out = client.getOutputStream();
                for (int read = in.read(buffer); read >= 0 && !stranded; read = in.read(buffer)) {
                    byte[] marker = strandAt.get();
                    if (marker != null && contains(buffer, read, marker) && strandAt.compareAndSet(marker, null)) {
                        TcpRelay.this.strand();
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

        /** The client's side stays open and silent; the server's side closes, and the server's session with it. */
        void strand() {
            if (!stranded) {
                stranded = true;
                closeQuietly(server);
            }
        }

        void close() {
            links.remove(this);
            closeQuietly(server);
            closeQuietly(client);
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
