package org.helmupgradebot.clean.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Progress of a long inventory as one line at most every {@code interval}: repositories done of total,
 * manifests read, time elapsed; and a last line when the walk is over. With a heartbeat, a line also comes
 * when no repository finishes for a while (one repository of 200,000 tags takes many minutes).
 */
public final class ProgressLog implements InventoryProgress {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private final Clock clock;
    private final Duration interval;
    private final Consumer<String> out;
    private final boolean heartbeat;
    private Instant start;
    private Instant lastLine;
    private int total;
    private int done;
    private long manifests;
    private ScheduledExecutorService ticker;

    public ProgressLog(Clock clock, Duration interval, Consumer<String> out, boolean heartbeat) {
        this.clock = clock;
        this.interval = interval;
        this.out = out;
        this.heartbeat = heartbeat;
    }

    /** Lines every five seconds at most, with a heartbeat, on the real clock. */
    public static ProgressLog to(Consumer<String> out) {
        return new ProgressLog(Clock.systemUTC(), DEFAULT_INTERVAL, out, true);
    }

    @Override
    public synchronized void started(int repositories) {
        start = clock.instant();
        lastLine = start;
        total = repositories;
        if (heartbeat) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "inventory-progress");
                t.setDaemon(true);
                return t;
            });
            long millis = interval.toMillis();
            ticker.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void repositoryDone(int manifests) {
        done++;
        this.manifests += manifests;
        tick();
    }

    /** Writes a line when the last one is at least the interval old. */
    synchronized void tick() {
        Instant now = clock.instant();
        if (start != null && Duration.between(lastLine, now).compareTo(interval) >= 0) {
            line(now);
        }
    }

    @Override
    public synchronized void finished() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (start != null) {
            line(clock.instant());
        }
    }

    private void line(Instant now) {
        lastLine = now;
        out.accept("inventory: " + done + "/" + total + " repositories, " + manifests + " manifests, "
                + Duration.between(start, now).toSeconds() + " s");
    }
}
