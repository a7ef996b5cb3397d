package org.helmupgradebot.clean.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress lines: repositories done of total, manifests, elapsed; at most one per interval, and a last one. */
class ProgressLogTest {
    /** A clock the test moves. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-11-22T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void atMostOneLinePerIntervalAndALastLineWithTheTotals() {
        StepClock clock = new StepClock();
        List<String> lines = new ArrayList<>();
        ProgressLog log = new ProgressLog(clock, Duration.ofSeconds(5), lines::add, false);

        log.started(100);
        for (int i = 0; i < 100; i++) {
            clock.now = clock.now.plusMillis(170);
            log.repositoryDone(3);
        }
        log.finished();

        // 17 s in all: lines at 5, 10 and 15 s, then the last one.
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("inventory: 30/100 repositories, 90 manifests, 5 s", lines.get(0));
        assertEquals("inventory: 100/100 repositories, 300 manifests, 17 s", lines.get(3));
    }

    @Test
    void aTickWithoutFinishedRepositoriesStillSaysHowLongItHasBeen() {
        StepClock clock = new StepClock();
        List<String> lines = new ArrayList<>();
        ProgressLog log = new ProgressLog(clock, Duration.ofSeconds(5), lines::add, false);
        log.started(1);

        clock.now = clock.now.plusSeconds(4);
        log.tick();
        clock.now = clock.now.plusSeconds(2);
        log.tick();

        assertEquals(List.of("inventory: 0/1 repositories, 0 manifests, 6 s"), lines);
    }

    @Test
    void theHeartbeatSpeaksDuringOneLongRepository() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressLog log = new ProgressLog(Clock.systemUTC(), Duration.ofMillis(50), lines::add, true);

        log.started(1);
        Thread.sleep(400);
        log.finished();

        assertEquals(true, lines.size() >= 3, lines.toString());
        assertEquals(true, lines.get(0).startsWith("inventory: 0/1 repositories, 0 manifests"), lines.toString());
    }
}
