package org.helmupgradebot.upgrade.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.testing.HostileServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding 7 on the upgrade side: an endless index is cut at its cap, and its spill file is gone on every path. */
class HelmIndexCapTest {
    /** An index whose entries for another chart never end (the scanner reads them all, looking for ours). */
    static final String ENDLESS_HEAD = "apiVersion: v1\nentries:\n  other:\n";
    static final String ENDLESS_ENTRY = "  - name: other\n    version: 1.0.0\n    created: \"2024-01-01T00:00:00Z\"\n";

    @TempDir
    Path spill;

    @Test
    void anEndlessIndexIsCutAtItsCapInOneLineAndLeavesNoTempFile() throws Exception {
        RetryingHttpClient http = new RetryingHttpClient(HttpOptions.defaults().withMaxAttempts(1)
                .withTimeout(Duration.ofSeconds(30)));
        try (HostileServer repo = HostileServer.start().on("/", HostileServer.endless(ENDLESS_HEAD, ENDLESS_ENTRY))) {
            // 1 KiB in memory, then the recording spills to a file in this test's folder.
            HelmRepositorySource source = new HelmRepositorySource(http, new Mirrors(Map.of()),
                    new HelmIndexReader(1024, spill), 2L << 20);
            SourceException e = assertThrows(SourceException.class,
                    () -> source.fetch(repo.url() + "/charts", Set.of("app")));
            assertEquals("GET " + repo.url() + "/charts/index.yaml: body larger than the cap of 2 MiB", e.getMessage());
        }
        try (Stream<Path> left = Files.list(spill)) {
            assertEquals(0, left.count(), "the spill file is deleted");
        }
    }

    @Test
    void theDefaultCapFitsTheLargestRealIndexes() {
        assertTrue(HelmRepositorySource.DEFAULT_MAX_INDEX_BYTES >= 200L << 20);
    }
}
