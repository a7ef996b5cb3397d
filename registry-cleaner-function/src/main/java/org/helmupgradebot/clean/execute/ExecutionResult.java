package org.helmupgradebot.clean.execute;

import java.util.List;
import java.util.Optional;

/**
 * What a real run did.
 *
 * @param deleted manifests the registry deleted
 * @param alreadyGone manifests that were already gone (404)
 * @param failed manifests whose deletion failed after retries
 * @param notStarted manifests left for the next run (deadline reached, or a stop)
 * @param bytesFreed estimated unique bytes freed by what is now gone
 * @param failures one line per failure
 * @param stopReason why the run stopped early (e.g. deletion disabled), if it did
 */
public record ExecutionResult(
        int deleted, int alreadyGone, int failed, int notStarted, long bytesFreed, List<String> failures,
        Optional<String> stopReason) {
    public ExecutionResult {
        failures = List.copyOf(failures);
    }

    public boolean clean() {
        return failed == 0 && stopReason.isEmpty();
    }
}
