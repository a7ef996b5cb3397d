package org.helmupgradebot.shared.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real fixtures in ../shared/fixtures (or $HELM_BOT_FIXTURES) and skips a test, with a
 * message, where they are absent. Tests read fixtures in place; copies are never committed.
 */
public final class Fixtures {
    private Fixtures() {}

    /**
     * The fixtures folder, or empty when it cannot be found. {@code HELM_BOT_FIXTURES} naming no folder
     * (e.g. {@code /nonexistent}) means "no fixtures": that is how a fresh clone is tried here.
     */
    public static java.util.Optional<Path> find() {
        String explicit = System.getenv("HELM_BOT_FIXTURES");
        for (String candidate : new String[] {explicit, System.getenv("HELM_BOT_FIXTURES_DEFAULT")}) {
            if (candidate != null && !candidate.isBlank()) {
                Path p = Path.of(candidate).toAbsolutePath().normalize();
                if (Files.isDirectory(p)) {
                    return java.util.Optional.of(p);
                }
                if (candidate == explicit) {
                    return java.util.Optional.empty();
                }
            }
        }
        // Walk up from the working directory to the repository root (the folder holding .mvn).
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".mvn"))) {
            dir = dir.getParent();
        }
        if (dir != null && dir.getParent() != null) {
            Path p = dir.getParent().resolve("shared").resolve("fixtures");
            if (Files.isDirectory(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    /** The fixtures folder; skips the calling test when it is absent. */
    public static Path root() {
        java.util.Optional<Path> root = find();
        assumeTrue(root.isPresent(),
                "real fixtures not found (../shared/fixtures or $HELM_BOT_FIXTURES): test skipped");
        return root.get();
    }

    /** A file or folder under the fixtures; skips the calling test when it is absent. */
    public static Path path(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), "fixture " + relative + " not found: test skipped");
        return p;
    }
}
