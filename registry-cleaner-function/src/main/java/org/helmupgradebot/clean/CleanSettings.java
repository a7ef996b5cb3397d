package org.helmupgradebot.clean;

import java.time.Duration;
import org.helmupgradebot.clean.execute.DeletionExecutor;
import org.helmupgradebot.clean.inventory.RepositoryScope;
import org.helmupgradebot.clean.policy.CleanPolicy;

/**
 * How one clean run behaves, from flags or app settings.
 *
 * @param policy what to delete
 * @param dryRun plan and report only
 * @param maxDeletions refuse to execute a plan with more deletions than this
 * @param concurrency parallel deletes (1..32); inventory uses the same pool size
 * @param timeBudget no deletion starts after this much time from the start of the run
 * @param scope the repositories the run reads (the others are never inventoried, planned or deleted)
 */
public record CleanSettings(CleanPolicy policy, boolean dryRun, int maxDeletions, int concurrency, Duration timeBudget,
        RepositoryScope scope) {
    public static final int DEFAULT_MAX_DELETIONS = 1000;

    public CleanSettings {
        if (maxDeletions < 0) {
            throw new IllegalArgumentException("--max-deletions must not be negative, got " + maxDeletions);
        }
        if (concurrency < 1 || concurrency > DeletionExecutor.MAX_CONCURRENCY) {
            throw new IllegalArgumentException("--concurrency must be between 1 and "
                    + DeletionExecutor.MAX_CONCURRENCY + ", got " + concurrency);
        }
    }

    /** Settings over every repository of the registry. */
    public CleanSettings(CleanPolicy policy, boolean dryRun, int maxDeletions, int concurrency, Duration timeBudget) {
        this(policy, dryRun, maxDeletions, concurrency, timeBudget, RepositoryScope.everything());
    }
}
