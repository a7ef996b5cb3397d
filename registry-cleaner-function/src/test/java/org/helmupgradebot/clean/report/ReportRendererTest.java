package org.helmupgradebot.clean.report;

import static org.helmupgradebot.clean.testing.Images.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.helmupgradebot.clean.execute.ExecutionResult;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.clean.plan.Plan;
import org.helmupgradebot.clean.plan.Planner;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.testing.Images;
import org.junit.jupiter.api.Test;

/** The report in its four formats, rendered from the plan's table. */
class ReportRendererTest {
    static final List<ManifestRecord> RECORDS = List.of(
            image("a", "small").ageDays(300).tags("old-1", "old,2").blob("s", 100).build(),
            image("a", "large").ageDays(100).blob("l", 5_000_000).build(),
            image("b", "locked").ageDays(500).locked().blob("k", 7).build(),
            image("b", "fresh").ageDays(1).blob("f", 9).build());

    static CleanReport report(Optional<ExecutionResult> result) {
        Plan plan = new Planner(new CleanPolicy(OptionalInt.of(30), List.of(), 0, false, OptionalLong.of(10_000_000)),
                Images.NOW).plan("acr https://x.azurecr.io", RECORDS);
        return new CleanReport(plan, result.isEmpty() ? CleanReport.Mode.DRY_RUN : CleanReport.Mode.DELETE, result,
                List.of("repository c is in the catalog but answered 404; skipped"), false);
    }

    @Test
    void jsonHasTheAgreedShape() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new ReportRenderer().render(report(Optional.empty()), OutputFormat.JSON));

        JsonNode totals = json.get("totals");
        assertEquals(4, totals.get("images").asInt());
        assertEquals(5_000_116, totals.get("bytesNaive").asLong());
        assertEquals(5_000_116, totals.get("bytesUnique").asLong());
        assertEquals(5_000_100, totals.get("bytesFreed").asLong());
        assertEquals(16, totals.get("bytesAfter").asLong());
        assertEquals(10_000_000, totals.get("cap").asLong());
        JsonNode delete = json.get("delete");
        assertEquals(2, delete.size());
        assertEquals(Images.digest("large"), delete.get(0).get("digest").asText(), "largest first");
        JsonNode small = delete.get(1);
        assertEquals("a", small.get("repository").asText());
        assertEquals(List.of("old-1", "old,2"), List.of(small.get("tags").get(0).asText(), small.get("tags").get(1).asText()));
        assertEquals(100, small.get("sizeBytes").asLong());
        assertEquals(300, small.get("ageDays").asLong());
        assertTrue(small.get("reason").asText().startsWith("older than 30 days"));
        assertEquals(2, json.get("keep").size());
        JsonNode locked = json.get("keep").get(1);
        assertEquals(Images.digest("locked"), locked.get("digest").asText());
        assertEquals("locked (deleteEnabled=false)", locked.get("reason").asText());
        assertTrue(json.get("keep").get(0).get("reason").asText().startsWith("younger than 30 days"));
        assertTrue(json.get("result") == null);
        assertTrue(json.get("notes").toString().contains("answered 404"));
    }

    @Test
    void jsonAfterARealRunCarriesTheResult() throws Exception {
        ExecutionResult result = new ExecutionResult(1, 1, 0, 0, 5_000_100, List.of(), Optional.empty());

        JsonNode json = new ObjectMapper().readTree(new ReportRenderer().render(report(Optional.of(result)), OutputFormat.JSON));

        assertEquals(1, json.get("result").get("deleted").asInt());
        assertEquals(1, json.get("result").get("alreadyGone").asInt());
        assertEquals(0, json.get("result").get("failed").asInt());
    }

    @Test
    void csvQuotesCellsWithCommasAndOrdersOldestFirstWhenAsked() {
        String csv = new ReportRenderer(ReportRenderer.Order.OLDEST).render(report(Optional.empty()), OutputFormat.CSV);

        List<String> lines = csv.lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals("repository,tags,digest,ageDays,sizeBytes,action,freedBytes,reason", lines.get(0));
        assertTrue(lines.get(1).startsWith("a,\"old-1,old,2\"," + Images.digest("small") + ",300,100,delete,100,"), lines.get(1));
        assertTrue(lines.get(2).contains(Images.digest("large")) && lines.get(2).contains(",delete,"), lines.get(2));
        assertEquals(5, lines.size(), "header, two deletions, two kept rows");
        assertTrue(lines.get(3).contains(",keep,0,") && lines.get(4).contains(",keep,0,"), csv);
    }

    @Test
    void tableAndMarkdownShowTotalsAndTheDeleteTable() {
        String text = new ReportRenderer().render(report(Optional.empty()), OutputFormat.TABLE);
        String md = new ReportRenderer().render(report(Optional.empty()), OutputFormat.MARKDOWN);

        assertTrue(text.contains("bytes freed:"), text);
        assertTrue(text.contains("4.8 MiB"), text);
        assertTrue(text.contains("dry run (nothing deleted)"), text);
        assertTrue(text.indexOf(Images.digest("large")) < text.indexOf(Images.digest("small")), text);
        assertTrue(md.contains("| bytes (unique blobs) | 4.8 MiB |"), md);
        assertTrue(md.contains("`" + Images.digest("small") + "`"), md);
    }

    static CleanReport report(CleanReport.Mode mode, boolean gc) {
        Plan plan = new Planner(new CleanPolicy(OptionalInt.of(30), List.of(), 0, false, OptionalLong.of(10_000_000)),
                Images.NOW).plan("oci http://127.0.0.1:5000", RECORDS);
        return new CleanReport(plan, mode, Optional.empty(), List.of(), gc);
    }

    @Test
    void keptRowsCarryTagsSizeAndAgeInJsonCsvAndMarkdown() throws Exception {
        List<ManifestRecord> records = List.of(
                image("a", "old").ageDays(300).blob("o", 100).build(),
                image("a", "kept").ageDays(12).tags("v1", "latest").blob("k", 4096).build());
        Plan plan = new Planner(new CleanPolicy(OptionalInt.of(30), List.of(), 0, false, OptionalLong.empty()), Images.NOW)
                .plan("test", records);
        CleanReport report = new CleanReport(plan, CleanReport.Mode.DRY_RUN, Optional.empty(), List.of(), false);
        ReportRenderer renderer = new ReportRenderer();

        JsonNode kept = new ObjectMapper().readTree(renderer.render(report, OutputFormat.JSON)).get("keep").get(0);
        assertEquals(Images.digest("kept"), kept.get("digest").asText());
        assertEquals(List.of("v1", "latest"), List.of(kept.get("tags").get(0).asText(), kept.get("tags").get(1).asText()));
        assertEquals(4096, kept.get("sizeBytes").asLong());
        assertEquals(12, kept.get("ageDays").asLong());
        String csvRow = renderer.render(report, OutputFormat.CSV).lines().filter(l -> l.contains(Images.digest("kept")))
                .findFirst().orElseThrow();
        assertEquals("a,\"v1,latest\"," + Images.digest("kept") + ",12,4096,keep,0,younger than 30 days (12)", csvRow);
        String md = renderer.render(report, OutputFormat.MARKDOWN);
        assertTrue(md.contains("| a | v1,latest | `" + Images.digest("kept") + "` | 12 | 4.0 KiB | younger than 30 days (12) |"),
                md);
    }

    @Test
    void everyFormatCarriesTheModeAndTotals() throws Exception {
        for (CleanReport.Mode mode : CleanReport.Mode.values()) {
            CleanReport report = report(mode, false);
            ReportRenderer renderer = new ReportRenderer();

            JsonNode json = new ObjectMapper().readTree(renderer.render(report, OutputFormat.JSON));
            assertEquals(mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), json.get("mode").asText());
            assertEquals(mode == CleanReport.Mode.DRY_RUN, json.get("dryRun").asBoolean());
            assertEquals(2, json.get("totals").get("toDelete").asInt());
            assertEquals(5_000_100, json.get("totals").get("bytesFreed").asLong());
            for (OutputFormat f : List.of(OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.MARKDOWN)) {
                String out = renderer.render(report, f);
                assertTrue(out.contains(mode.words()), f + ": " + out);
                assertTrue(out.contains("bytes freed") && out.contains("4.8 MiB") && out.contains("to delete"), f + ": " + out);
            }
        }
        String refused = new ReportRenderer().render(report(CleanReport.Mode.REFUSED, false), OutputFormat.TABLE);
        assertTrue(!refused.contains("dry run"), refused);
    }

    @Test
    void aPerRepositorySummaryComesBeforeTheLongTable() throws Exception {
        CleanReport report = report(Optional.empty());
        ReportRenderer renderer = new ReportRenderer();

        tech.tablesaw.api.Table summary = ReportRenderer.repositorySummary(report.plan().table());
        assertEquals(List.of("a", "b"), summary.stringColumn("repository").asList());
        assertEquals(List.of(2, 2), summary.intColumn(ReportRenderer.IMAGES).asList());
        assertEquals(List.of(5_000_100L, 16L), summary.longColumn("sizeBytes").asList());
        assertEquals(List.of(2, 0), summary.intColumn(ReportRenderer.TO_DELETE).asList());
        assertEquals(List.of(5_000_100L, 0L), summary.longColumn("freedBytes").asList());

        for (OutputFormat f : List.of(OutputFormat.TABLE, OutputFormat.MARKDOWN, OutputFormat.CSV)) {
            String out = renderer.render(report, f);
            int summaryAt = out.indexOf(f == OutputFormat.CSV ? "# repository,images,sizeBytes,toDelete,freedBytes"
                    : f == OutputFormat.MARKDOWN ? "| repository | images |" : "repository  images");
            assertTrue(summaryAt >= 0, f + ": " + out);
            assertTrue(summaryAt < out.indexOf(Images.digest("large")), f + ": summary before the long table\n" + out);
        }
        String md = renderer.render(report, OutputFormat.MARKDOWN);
        assertTrue(md.contains("| a | 2 | 4.8 MiB | 2 | 4.8 MiB |"), md);
        JsonNode repos = new ObjectMapper().readTree(renderer.render(report, OutputFormat.JSON)).get("repositories");
        assertEquals("b", repos.get(1).get("repository").asText());
        assertEquals(16, repos.get(1).get("sizeBytes").asLong());
        assertEquals(0, repos.get(1).get("toDelete").asInt());
    }

    @Test
    void onAPlainRegistryBytesFreedSaysItComesWithGarbageCollection() throws Exception {
        ReportRenderer renderer = new ReportRenderer();
        CleanReport oci = report(CleanReport.Mode.DRY_RUN, true);
        CleanReport acr = report(CleanReport.Mode.DRY_RUN, false);

        for (OutputFormat f : List.of(OutputFormat.TABLE, OutputFormat.MARKDOWN, OutputFormat.CSV)) {
            String out = renderer.render(oci, f);
            assertTrue(out.contains("bytes freed") && out.contains("4.8 MiB (after the registry's garbage collection)"), out);
            assertTrue(out.contains("frees disk space only when its garbage collection runs"), out);
            assertTrue(!renderer.render(acr, f).contains("garbage collection"), f.toString());
        }
        JsonNode json = new ObjectMapper().readTree(renderer.render(oci, OutputFormat.JSON));
        assertTrue(json.get("totals").get("freedAfterGarbageCollection").asBoolean());
        assertTrue(json.get("notes").toString().contains("garbage collection"));
    }

    @Test
    void markdownShowsTheChartFromTheGivenFile() {
        String md = new ReportRenderer().markdown(report(Optional.empty()), Optional.of("report-bytes-by-age.png"));

        assertTrue(md.contains("![" + AgeChart.TITLE + "](report-bytes-by-age.png)"), md);
        assertTrue(md.indexOf("report-bytes-by-age.png") < md.indexOf("### By repository"), md);
        assertTrue(!new ReportRenderer().render(report(Optional.empty()), OutputFormat.MARKDOWN).contains(".png"));
    }

    @Test
    void anImageOfUnknownSizeShowsAQuestionMarkAndStaysOutOfTheSums() throws Exception {
        List<ManifestRecord> records = List.of(
                image("a", "known").ageDays(100).blob("k", 2048).build(),
                image("a", "odd").ageDays(100).blob("u", ManifestRecord.SIZE_UNKNOWN).size(ManifestRecord.SIZE_UNKNOWN)
                        .problem("layer size out of range").build());
        Plan plan = new Planner(new CleanPolicy(OptionalInt.of(30), List.of(), 0, false, OptionalLong.empty()), Images.NOW)
                .plan("test", records);
        CleanReport report = new CleanReport(plan, CleanReport.Mode.DRY_RUN, Optional.empty(), List.of(), false);

        String md = new ReportRenderer().render(report, OutputFormat.MARKDOWN);
        assertTrue(md.contains("`" + Images.digest("odd") + "` | 100 | ? | not read cleanly: layer size out of range |"), md);
        assertEquals(2048, ReportRenderer.repositorySummary(plan.table()).longColumn("sizeBytes").get(0));
        assertEquals(AgeChart.WIDTH, javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(AgeChart.png(plan.table())))
                .getWidth());
    }
}
