package org.helmupgradebot.clean.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.azure.functions.ExecutionContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.report.JobFailedException;
import org.helmupgradebot.shared.report.RecordingLogger;
import org.helmupgradebot.shared.report.TestExecutionContext;
import org.helmupgradebot.shared.testing.DockerRegistryServer;
import org.helmupgradebot.shared.testing.RegistrySeeder;
import org.helmupgradebot.shared.testing.RegistrySeeder.SeededImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployed wiring ({@link CleanJobFactory#wired()}) called through the Function method with a test
 * ExecutionContext, against Debian's docker-registry on loopback (skipped when it is not installed).
 */
class RegistryCleanerWiringTest {
    static final String REPO = "team/app";
    static final String ON_TIME = "{\"Schedule\":{\"AdjustForDST\":true},\"IsPastDue\":false}";

    final RecordingLogger log = new RecordingLogger("registryCleaner");
    final ExecutionContext context = new TestExecutionContext(log, "registryCleaner");
    DockerRegistryServer registry;
    OciRegistryClient client;
    SeededImage old;
    SeededImage recent;

    @BeforeEach
    void seed() {
        registry = DockerRegistryServer.start();
        client = registry.client();
        RegistrySeeder seeder = new RegistrySeeder(client, 7);
        old = seeder.image(REPO, Instant.parse("2019-03-01T12:00:00Z"), List.of(seeder.layer(40_000)), "1.0");
        recent = seeder.image(REPO, Instant.now().minus(3, ChronoUnit.DAYS), List.of(seeder.layer(30_000)), "2.0");
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    Map<String, String> settings(boolean dryRun) {
        Map<String, String> s = new HashMap<>();
        s.put("CLEAN_DRY_RUN", String.valueOf(dryRun));
        s.put("REGISTRY_LOGIN_SERVER", registry.baseUrl().toString());
        s.put("CLEAN_BACKEND", "oci");
        s.put("CLEAN_MAX_AGE_DAYS", "365");
        s.put("CLEAN_CONCURRENCY", "2");
        return s;
    }

    RegistryCleanerFunction function(Map<String, String> settings) {
        return new RegistryCleanerFunction(settings, CleanJobFactory.wired(), (s, c) -> Optional.empty());
    }

    boolean present(SeededImage image) {
        return client.getManifest(REPO, image.digest()).isPresent();
    }

    @Test
    void dryRunReportsTheOldImageAndDeletesNothing() {
        function(settings(true)).run(ON_TIME, context);

        assertTrue(present(old));
        assertTrue(present(recent));
        String logged = log.text();
        assertTrue(logged.contains("dry run (CLEAN_DRY_RUN=true)"), logged);
        assertTrue(logged.contains(old.digest().substring(0, 19)), "the report names the image it would delete: " + logged);
        assertTrue(logged.contains("registry-cleaner: inventory: 1/1 repositories, 2 manifests,"), "progress in the Function log: " + logged);
    }

    @Test
    void realRunDeletesTheOldImageOnly() {
        function(settings(false)).run(ON_TIME, context);

        assertFalse(present(old), log.text());
        assertTrue(present(recent), log.text());
        assertEquals(Optional.of(List.of("2.0")), client.listTags(REPO));
        assertTrue(log.lines().stream().noneMatch(l -> l.startsWith("SEVERE")), log.text());
    }

    @Test
    void everyBadSettingIsLoggedAtOnceAndNothingIsDeleted() {
        Map<String, String> s = settings(false);
        s.put("CLEAN_MAX_AGE_DAYS", "a year");
        s.put("CLEAN_CONCURRENCY", "64");
        s.put("CLEAN_SIZE_CAP", "lots");
        s.put("CLEAN_KEEP_TAGS", "^release-.* [unclosed");
        s.put("CLEAN_BACKEND", "harbor");
        s.put("CLEAN_DRY_RUN", "sometimes");

        JobFailedException e = assertThrows(JobFailedException.class, () -> function(s).run(ON_TIME, context));

        assertEquals("registry-cleaner: 6 setting(s) missing or invalid: setting CLEAN_DRY_RUN: 'sometimes' is not true "
                + "or false (and more, see the log)", e.getMessage());
        // The host's settings and the job's, together, before anything runs.
        assertEquals(List.of(
                "SEVERE registry-cleaner: setting CLEAN_DRY_RUN: 'sometimes' is not true or false",
                "SEVERE registry-cleaner: setting CLEAN_BACKEND: 'harbor' is not one of acr, oci",
                "SEVERE registry-cleaner: setting CLEAN_MAX_AGE_DAYS: 'a year' is not a whole number, at least 0",
                "SEVERE registry-cleaner: setting CLEAN_KEEP_TAGS: '[unclosed' is not a valid regex: unclosed character class",
                "SEVERE registry-cleaner: setting CLEAN_SIZE_CAP: size 'lots' is not like 2TB, 500GiB or 123456",
                "SEVERE registry-cleaner: setting CLEAN_CONCURRENCY: '64' is not a whole number from 1 to 32"),
                log.lines().stream().filter(l -> l.startsWith("SEVERE")).toList());
        assertTrue(present(old));
    }
}
