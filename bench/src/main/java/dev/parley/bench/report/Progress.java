package dev.parley.bench.report;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the bench tells its user while it runs: plain lines, and a status line refreshed every second
 * (elapsed time, rate, errors …) — rewritten in place on a terminal, one line every few seconds otherwise.
 */
public final class Progress {

    private final PrintStream out;
    private final boolean interactive;
    private final int everyNth;
    private int statuses;
    private boolean statusShown;

    public Progress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
        this.everyNth = interactive ? 1 : 5;
    }

    public static Progress toConsole() {
        return new Progress(System.out, System.console() != null);
    }

    public static Progress quiet() {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()), false);
    }

    public synchronized void say(String line) {
        if (statusShown) {
            out.println();
            statusShown = false;
        }
        out.println(line);
        out.flush();
    }

    public synchronized void status(String line) {
        if (statuses++ % everyNth != 0) {
            return;
        }
        if (interactive) {
            out.print("\r\033[K" + line);
            statusShown = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Runs {@code tick} every second on a thread of its own until closed. */
    public static AutoCloseable everySecond(Runnable tick) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                // a progress line is not worth stopping a run for
            }
        }, 1, 1, TimeUnit.SECONDS);
        return ticker::shutdownNow;
    }
}
