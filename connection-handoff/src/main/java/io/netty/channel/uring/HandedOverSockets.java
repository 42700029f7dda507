package io.netty.channel.uring;

/**
 * Turns the descriptor of a connection another process accepted into Netty's io_uring channel, as
 * {@code new EpollSocketChannel(fd)} does for epoll (ADR 0023, ADR 0047). Netty 4.2 has no public way to: the
 * constructor taking a socket is package-private, hence this class in Netty's package. A Netty upgrade that changes
 * that constructor breaks the build here, not a handover at run time.
 */
public final class HandedOverSockets {

    private HandedOverSockets() {
    }

    /** The connection, open and active, with no parent; registered with an io_uring event loop by the caller. */
    public static IoUringSocketChannel ioUring(int descriptor) {
        return new IoUringSocketChannel(null, new LinuxSocket(descriptor));
    }
}
