package org.helmupgradebot.clean;

import static org.helmupgradebot.clean.testing.Images.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.regex.Pattern;
import org.helmupgradebot.clean.inventory.InventoryProgress;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.report.CleanReport;
import org.helmupgradebot.clean.testing.Images;
import org.helmupgradebot.clean.testing.InMemoryBackend;
import org.helmupgradebot.shared.report.JobReport;
import org.junit.jupiter.api.Test;

/** The whole flow over an in-memory registry: dry run, real run, safety cap, faults. */
class CleanRunTest {
    static final Clock CLOCK = Clock.fixed(Images.NOW, ZoneOffset.UTC);
    static final CleanPolicy POLICY = new CleanPolicy(OptionalInt.of(60), List.of(Pattern.compile("v\\d+.*")), 2, false,
            OptionalLong.of(400_000));

    /** 12 repositories of 25 images with shared base layers, tags, an index with children, locks. */
    static List<ManifestRecord> registry() {
        Random random = new Random(3);
        List<ManifestRecord> records = new ArrayList<>();
        for (int repo = 0; repo < 12; repo++) {
            for (int i = 0; i < 25; i++) {
                Images img = image("binder/r" + repo, "r" + repo + "i" + i + "z").ageDays(random.nextInt(365))
                        .blob("base" + (i % 3), 50_000).blob("r" + repo + "i" + i + "layer", 1_000 + random.nextInt(9_000));
                if (i == 0) {
                    img.tags("v1.0." + repo);
                } else if (i == 1) {
                    img.locked();
                } else if (i % 7 == 0) {
                    img.tags("build-" + i);
                }
                records.add(img.build());
            }
            records.add(image("binder/r" + repo, "r" + repo + "idx").ageDays(400).tags("multi")
                    .index("r" + repo + "i3z", "r" + repo + "i4z").locked().build());
        }
        return records;
    }

    static CleanSettings settings(boolean dryRun, int maxDeletions) {
        return new CleanSettings(POLICY, dryRun, maxDeletions, 8, Duration.ofMinutes(5));
    }

    @Test
    void theDryRunDeletesNothing() {
        InMemoryBackend backend = new InMemoryBackend(registry());

        CleanReport report = new CleanRun(backend, settings(true, 1000), CLOCK, InventoryProgress.NONE).execute();

        assertFalse(report.plan().deletions().isEmpty());
        assertTrue(backend.deleteCalls().isEmpty());
        assertTrue(report.result().isEmpty());
    }

    @Test
    void theRealRunDeletesExactlyThePlan() {
        InMemoryBackend backend = new InMemoryBackend(registry());

        CleanReport report = new CleanRun(backend, settings(false, 1000), CLOCK, InventoryProgress.NONE).execute();

        assertEquals(report.plan().deletionKeys(), backend.deleted());
        assertEquals(report.plan().deletions().size(), backend.deleteCalls().size());
        assertEquals(report.plan().totals().bytesFreed(), report.result().orElseThrow().bytesFreed());
    }

    @Test
    void withFaultsThePlanIsTheSameAndNothingOutsideItIsDeleted() {
        CleanReport calm = new CleanRun(new InMemoryBackend(registry()), settings(true, 1000), CLOCK, InventoryProgress.NONE).execute();
        InMemoryBackend faulty = new InMemoryBackend(registry()).faults(0.2, 11);

        CleanReport report = new CleanRun(faulty, settings(false, 1000), CLOCK, InventoryProgress.NONE).execute();

        assertEquals(calm.plan(), report.plan());
        assertTrue(faulty.faultsInjected() > 0);
        assertTrue(report.plan().deletionKeys().containsAll(faulty.deleted()));
        assertTrue(report.plan().deletionKeys().containsAll(faulty.deleteCalls()));
        var result = report.result().orElseThrow();
        assertEquals(report.plan().deletions().size(), result.deleted() + result.alreadyGone() + result.failed());
    }

    @Test
    void aPlanOverMaxDeletionsIsRefusedBeforeAnythingIsDeleted() {
        InMemoryBackend backend = new InMemoryBackend(registry());

        CleanReport report = new CleanRun(backend, settings(false, 3), CLOCK, InventoryProgress.NONE).execute();

        assertTrue(backend.deleteCalls().isEmpty());
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("refused: the plan deletes")), report.notes().toString());
        assertEquals(1, CleanRun.exitCode(report, settings(false, 3)));
    }

    @Test
    void lockedAndKeptImagesSurviveAndSizeCapIsMet() {
        InMemoryBackend backend = new InMemoryBackend(registry());

        CleanReport report = new CleanRun(backend, settings(false, 1000), CLOCK, InventoryProgress.NONE).execute();

        for (ManifestRecord r : registry()) {
            if (!r.deleteEnabled() || r.tags().stream().anyMatch(t -> t.startsWith("v1"))) {
                assertFalse(backend.deleted().contains(org.helmupgradebot.clean.policy.ManifestKey.of(r)), r.digest());
            }
        }
        assertTrue(report.plan().totals().bytesAfter() <= 400_000 || !report.plan().notes().isEmpty());
    }

    @Test
    void asAJobAnUnreachableRegistryIsOneLineAndExitCodeOne() {
        InMemoryBackend backend = new InMemoryBackend(registry()) {
            @Override
            public List<String> listRepositories() {
                throw new org.helmupgradebot.clean.inventory.RegistryException(
                        "listing repositories on test://registry failed: cannot reach the registry (ConnectException)", 0);
            }
        };

        JobReport job = new CleanRun(backend, settings(true, 1000), CLOCK, InventoryProgress.NONE).run();

        assertEquals(1, job.exitCode());
        assertEquals(1, job.text().strip().lines().count());
        assertTrue(job.text().contains("cannot reach the registry"));
    }

    @Test
    void asAJobADryRunReportsInAllThreeForms() {
        JobReport job = new CleanRun(new InMemoryBackend(registry()), settings(true, 1000), CLOCK, InventoryProgress.NONE).run();

        assertEquals(0, job.exitCode());
        assertTrue(job.text().contains("dry run"));
        assertTrue(job.markdown().startsWith("## Registry clean"));
        assertTrue(job.json().contains("\"totals\""));
    }

    @Test
    void aRefusedPlanSaysRefusedNotDryRun() {
        CleanReport report = new CleanRun(new InMemoryBackend(registry()), settings(false, 3), CLOCK, InventoryProgress.NONE).execute();

        assertEquals(CleanReport.Mode.REFUSED, report.mode());
        assertTrue(report.result().isEmpty());
        String text = new org.helmupgradebot.clean.report.ReportRenderer().render(report,
                org.helmupgradebot.clean.report.OutputFormat.TABLE);
        assertTrue(text.contains("refused by --max-deletions"), text);
        assertFalse(text.contains("dry run"), text);
        assertEquals(0, CleanRun.exitCode(new CleanRun(new InMemoryBackend(registry()), settings(true, 3), CLOCK, InventoryProgress.NONE)
                .execute(), settings(true, 3)), "a dry run over the limit is fine");
    }

    @Test
    void asAJobTheMarkdownLinksTheChartItCarries() throws Exception {
        JobReport job = new CleanRun(new InMemoryBackend(registry()), settings(true, 1000), CLOCK, InventoryProgress.NONE).run();

        assertEquals(1, job.attachments().size());
        JobReport.Attachment chart = job.attachments().get(0);
        assertEquals(CleanRun.CHART_ATTACHMENT, chart.name());
        assertEquals("image/png", chart.contentType());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(chart.content()));
        assertEquals(org.helmupgradebot.clean.report.AgeChart.WIDTH, image.getWidth());
        assertTrue(job.markdown().contains("](" + CleanRun.CHART_ATTACHMENT + ")"), job.markdown());
        assertTrue(job.markdownLinkingAttachmentsAs("2026-11-22T000000Z-")
                .contains("](2026-11-22T000000Z-" + CleanRun.CHART_ATTACHMENT + ")"));
    }

    @Test
    void aJobWhoseReportIsNotStoredDrawsNoChart() {
        JobReport job = new CleanRun(new InMemoryBackend(registry()), settings(true, 1000), CLOCK, InventoryProgress.NONE)
                .withChart(false).run();

        assertTrue(job.attachments().isEmpty());
        assertFalse(job.markdown().contains(CleanRun.CHART_ATTACHMENT), job.markdown());
        assertFalse(job.text().contains("chart"), job.text());
    }

    @Test
    void theScopeKeepsOtherRepositoriesOutOfTheRun() {
        InMemoryBackend backend = new InMemoryBackend(registry());
        CleanSettings scoped = new CleanSettings(POLICY, false, 1000, 8, Duration.ofMinutes(5),
                new org.helmupgradebot.clean.inventory.RepositoryScope(List.of(Pattern.compile("binder/r[12]")), List.of()));

        CleanReport report = new CleanRun(backend, scoped, CLOCK, InventoryProgress.NONE).execute();

        assertFalse(backend.deleted().isEmpty());
        assertTrue(backend.deleteCalls().stream().allMatch(k -> k.repository().matches("binder/r[12]")),
                backend.deleteCalls().toString());
        assertEquals(52, report.plan().totals().images());
    }
}
