package org.helmupgradebot.clean.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.helmupgradebot.clean.cli.RegistryCleanerCli;
import org.helmupgradebot.clean.policy.ManifestKey;

/**
 * Runs the real {@code registry-cleaner} command line (the production backend factory, no injection) with
 * {@code --output json --report FILE}, and reads the JSON report back.
 */
record CliRun(int exitCode, JsonNode json, String stdout) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static CliRun run(Path dir, String... args) {
        Path report = dir.resolve("report-" + System.nanoTime() + ".json");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--output", "json", "--report", report.toString()));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = RegistryCleanerCli.run(new RegistryCleanerCli(), all.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String stdout = captured.toString(StandardCharsets.UTF_8);
        try {
            JsonNode json = Files.exists(report) ? JSON.readTree(report.toFile()) : JSON.nullNode();
            return new CliRun(code, json, stdout);
        } catch (IOException e) {
            throw new UncheckedIOException("report " + report + " is not JSON", e);
        }
    }

    /** The manifests the JSON report lists under {@code delete}. */
    Set<ManifestKey> deletions() {
        return keys(json.path("delete"));
    }

    /** The manifests the JSON report lists under {@code keep}. */
    Set<ManifestKey> kept() {
        return keys(json.path("keep"));
    }

    private static Set<ManifestKey> keys(JsonNode rows) {
        Set<ManifestKey> out = new HashSet<>();
        rows.forEach(r -> out.add(new ManifestKey(r.path("repository").asText(), r.path("digest").asText())));
        return out;
    }

    long total(String field) {
        JsonNode n = json.path("totals").path(field);
        assertTrue(n.isIntegralNumber(), "totals." + field + " is a number in " + json);
        return n.asLong();
    }

    /** Checks the documented shape: totals, delete rows and keep rows with their fields and types. */
    void assertDocumentedShape() {
        JsonNode totals = json.path("totals");
        for (String f : List.of("images", "bytesNaive", "bytesUnique", "bytesFreed", "bytesAfter")) {
            assertTrue(totals.path(f).isIntegralNumber(), "totals." + f + " in " + totals);
        }
        assertTrue(totals.has("cap") && (totals.get("cap").isNull() || totals.get("cap").isIntegralNumber()),
                "totals.cap (number or null) in " + totals);
        assertTrue(json.path("delete").isArray(), "delete is an array");
        assertTrue(json.path("keep").isArray(), "keep is an array");
        for (JsonNode d : json.path("delete")) {
            assertTrue(d.path("repository").isTextual() && d.path("digest").asText().startsWith("sha256:"), d::toString);
            assertTrue(d.path("tags").isArray(), d::toString);
            assertTrue(d.path("sizeBytes").isIntegralNumber() && d.path("sizeBytes").asLong() > 0, d::toString);
            assertTrue(d.path("ageDays").isIntegralNumber(), d::toString);
            assertTrue(d.path("reason").isTextual() && !d.path("reason").asText().isBlank(), d::toString);
        }
        for (JsonNode k : json.path("keep")) {
            assertTrue(k.path("repository").isTextual() && k.path("digest").asText().startsWith("sha256:"), k::toString);
            assertTrue(k.path("reason").isTextual() && !k.path("reason").asText().isBlank(), k::toString);
        }
        assertEquals(total("images"), json.path("delete").size() + json.path("keep").size(),
                "every manifest is either deleted or kept");
        assertEquals(total("bytesUnique") - total("bytesFreed"), total("bytesAfter"), "bytesAfter");
    }
}
