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
        return new CleanReport(plan, result.isEmpty() ? CleanReport.Mode.DRY_RUN : CleanReport.Mode.DELETE, result, List.of("repository c is in the catalog but answered 404; skipped"));
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
}
