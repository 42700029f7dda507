package dev.parley.bench.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An edge in front of the ceiling server that answers its first {@code refusals} upgrades with {@code status}
 * and keeps those connections open, counting down {@link #refusedClosedByClient()} as the client ends each.
 */
public final class RefusingEdge implements AutoCloseable {

    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final AtomicInteger upgrades = new AtomicInteger();
    private final List<Socket> open = new ArrayList<>();
    private final CountDownLatch refusedClosedByClient;

    public RefusingEdge(int upstream, String status, int refusals) throws IOException {
        refusedClosedByClient = new CountDownLatch(refusals);
        Thread.ofPlatform().daemon().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    byte[] head = requestHead(client.getInputStream());
                    if (upgrades.incrementAndGet() <= refusals) {
                        client.getOutputStream().write(("HTTP/1.1 " + status
                                + "\r\ncontent-length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        Thread.ofPlatform().daemon().start(() -> untilClientEnds(client));
                        continue;
                    }
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream);
                    synchronized (open) {
                        open.add(client);
                        open.add(server);
                    }
                    server.getOutputStream().write(head);
                    pipe(client.getInputStream(), server.getOutputStream());
                    pipe(server.getInputStream(), client.getOutputStream());
                } catch (IOException closed) {
                    // the edge is closing, or one client went away
                }
            }
        });
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Upgrade requests received, refused or passed on. */
    public int upgrades() {
        return upgrades.get();
    }

    /** Counts down as the client ends each refused connection. */
    public CountDownLatch refusedClosedByClient() {
        return refusedClosedByClient;
    }

    /** The request's head, up to and including its blank line. */
    static byte[] requestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the request's head ended");
            }
            head.write(b);
        }
        return head.toByteArray();
    }

    private void untilClientEnds(Socket client) {
        try (client) {
            if (client.getInputStream().read() < 0) {
                refusedClosedByClient.countDown();
            }
        } catch (IOException reset) {
            refusedClosedByClient.countDown();
        }
    }

    private static void pipe(InputStream from, OutputStream to) {
        Thread.ofPlatform().daemon().start(() -> {
            try {
                from.transferTo(to);
            } catch (IOException closed) {
                // one side ended
            }
        });
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
