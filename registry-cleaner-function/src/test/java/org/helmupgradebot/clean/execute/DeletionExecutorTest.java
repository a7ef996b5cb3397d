package org.helmupgradebot.clean.execute;

import static org.helmupgradebot.clean.testing.Images.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.plan.Plan;
import org.helmupgradebot.clean.plan.Planner;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.policy.ManifestKey;
import org.helmupgradebot.clean.testing.Images;
import org.helmupgradebot.clean.testing.InMemoryBackend;
import org.junit.jupiter.api.Test;

/** Deletes exactly the plan: 404, 405, the deadline, one backend call per deletion (retries are the HTTP layer's). */
class DeletionExecutorTest {
    static final Clock CLOCK = Clock.fixed(Images.NOW, ZoneOffset.UTC);
    static final List<ManifestRecord> RECORDS = List.of(
            image("a", "old1").ageDays(100).blob("base", 1000).blob("o1", 10).build(),
            image("a", "old2").ageDays(90).blob("base", 1000).blob("o2", 20).build(),
            image("a", "new").ageDays(1).blob("base", 1000).blob("n", 30).build(),
            image("b", "old3").ageDays(200).blob("o3", 40).build(),
            image("b", "locked").ageDays(200).locked().blob("l", 50).build());

    static Plan plan() {
        return new Planner(new CleanPolicy(OptionalInt.of(30), List.of(), 0, false, OptionalLong.empty()), Images.NOW)
                .plan("test", RECORDS);
    }

    static DeletionExecutor executor(InMemoryBackend backend, Instant deadline) {
        return new DeletionExecutor(backend, 4, CLOCK, deadline);
    }

    @Test
    void deletesExactlyThePlanAndCountsBytesFreed() {
        InMemoryBackend backend = new InMemoryBackend(RECORDS);
        Plan plan = plan();

        ExecutionResult result = executor(backend, Images.NOW.plusSeconds(60)).execute(plan, RECORDS);

        assertEquals(plan.deletionKeys(), backend.deleted());
        assertEquals(3, result.deleted());
        assertEquals(0, result.failed());
        assertEquals(10 + 20 + 40, result.bytesFreed());
        assertEquals(plan.totals().bytesFreed(), result.bytesFreed());
    }

    @Test
    void aManifestAlreadyGoneCountsAsSuch() {
        InMemoryBackend backend = new InMemoryBackend(RECORDS);
        backend.vanish(new ManifestKey("b", Images.digest("old3")));

        ExecutionResult result = executor(backend, Images.NOW.plusSeconds(60)).execute(plan(), RECORDS);

        assertEquals(2, result.deleted());
        assertEquals(1, result.alreadyGone());
        assertTrue(result.clean());
    }

    @Test
    void deletionDisabledStopsTheRunWithAClearReason() {
        InMemoryBackend backend = new InMemoryBackend(RECORDS);
        // The plan deletes oldest first: old3 is the first deletion.
        assertEquals(Images.digest("old3"), plan().deletions().get(0).digest());
        backend.failDelete(new ManifestKey("b", Images.digest("old3")), 405);
        DeletionExecutor one = new DeletionExecutor(backend, 1, CLOCK, Images.NOW.plusSeconds(60));

        ExecutionResult result = one.execute(plan(), RECORDS);

        assertEquals(1, result.failed());
        assertTrue(result.stopReason().orElseThrow().contains("deletion is disabled"), result.stopReason().toString());
        assertEquals(1, backend.deleteCalls().size(), "no deletion is started after a 405");
        assertEquals(2, result.notStarted());
    }

    @Test
    void noDeletionStartsAtTheDeadline() {
        InMemoryBackend backend = new InMemoryBackend(RECORDS);

        ExecutionResult result = executor(backend, Images.NOW).execute(plan(), RECORDS);

        assertTrue(backend.deleteCalls().isEmpty());
        assertEquals(3, result.notStarted());
        assertTrue(result.stopReason().orElseThrow().startsWith("deadline reached: 3 deletions left"));
    }

    @Test
    void aFailedDeletionIsCalledOnceReportedAndTheOthersGoOn() {
        // The backend's own client has already retried (and says so in its message): no second loop here.
        InMemoryBackend backend = new InMemoryBackend(RECORDS).faults(1.0, 1);

        ExecutionResult result = executor(backend, Images.NOW.plusSeconds(60)).execute(plan(), RECORDS);

        assertEquals(3, result.failed());
        assertEquals(3, backend.deleteCalls().size(), "one call per planned deletion: " + backend.deleteCalls());
        assertTrue(new HashSet<>(plan().deletionKeys()).containsAll(backend.deleteCalls()));
        assertTrue(backend.deleted().isEmpty());
    }

    @Test
    void referrersGoFirstAndChildrenAfterTheirIndex() {
        List<ManifestRecord> records = List.of(
                image("r", "c1").ageDays(100).blob("c1", 5).build(),
                image("r", "c2").ageDays(100).blob("c2", 5).build(),
                image("r", "idx").ageDays(100).index("c1", "c2").build(),
                image("r", "sig").ageDays(100).referrerOf("idx").blob("s", 1).build(),
                image("r", "solo").ageDays(100).blob("x", 1).build());
        Plan plan = new Planner(new CleanPolicy(OptionalInt.of(30), List.of(), 0, false, OptionalLong.empty()),
                Images.NOW).plan("test", records);
        InMemoryBackend backend = new InMemoryBackend(records);

        new DeletionExecutor(backend, 4, CLOCK, Images.NOW.plusSeconds(60)).execute(plan, records);

        List<String> order = backend.deleteCalls().stream().map(ManifestKey::digest).toList();
        assertEquals(5, order.size());
        assertEquals(Images.digest("sig"), order.get(0));
        assertEquals(Set.of(Images.digest("idx"), Images.digest("solo")), Set.copyOf(order.subList(1, 3)));
        assertEquals(Set.of(Images.digest("c1"), Images.digest("c2")), Set.copyOf(order.subList(3, 5)));
    }

    @Test
    void concurrencyIsCapped() {
        InMemoryBackend backend = new InMemoryBackend(RECORDS);
        assertThrows(IllegalArgumentException.class, () -> new DeletionExecutor(backend, 33, CLOCK, Images.NOW));
        assertThrows(IllegalArgumentException.class, () -> new DeletionExecutor(backend, 0, CLOCK, Images.NOW));
    }
}
