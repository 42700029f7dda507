package dev.parley.handoff;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.HandedOverSockets;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

/**
 * How a server's connections' event loops reach the kernel: ws-gateway's {@code /ws} and the bench's ceiling, so that
 * the two are compared on the same one (ADR 0047, ADR 0049). {@link #AUTO} takes io_uring where the kernel and the
 * process's seccomp profile allow it, else epoll where Netty's native library loads, else NIO. A transport named
 * outright that is not available here fails the start. A connection handed over (ADR 0023) becomes a channel of the
 * transport that serves the others.
 */
public enum Transport {
    AUTO, IO_URING, EPOLL, NIO;

    /** The transport this setting stands for on this host. */
    public Transport resolve() {
        return switch (this) {
            case AUTO -> IoUring.isAvailable() ? IO_URING : Epoll.isAvailable() ? EPOLL : NIO;
            case IO_URING -> available(IoUring.isAvailable(), IoUring.unavailabilityCause());
            case EPOLL -> available(Epoll.isAvailable(), Epoll.unavailabilityCause());
            case NIO -> this;
        };
    }

    private Transport available(boolean available, Throwable cause) {
        if (!available) {
            throw new IllegalStateException("The " + this + " transport is not available here", cause);
        }
        return this;
    }

    public IoHandlerFactory ioHandlers() {
        return switch (resolved()) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    public Class<? extends ServerChannel> serverChannel() {
        return switch (resolved()) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            default -> NioServerSocketChannel.class;
        };
    }

    /** Whether a connection another process accepted can become a channel of this transport (ADR 0023). */
    public boolean adopts() {
        return resolved() != NIO;
    }

    /** A connection another process accepted and handed over, as a channel of this transport ({@link #adopts()}). */
    public SocketChannel adopt(int descriptor) {
        return switch (resolved()) {
            case IO_URING -> HandedOverSockets.ioUring(descriptor);
            case EPOLL -> new EpollSocketChannel(descriptor);
            default -> throw new IllegalStateException("NIO cannot take a handed-over connection");
        };
    }

    private Transport resolved() {
        if (this == AUTO) {
            throw new IllegalStateException("AUTO stands for a transport: resolve() it first");
        }
        return this;
    }
}
