package org.helmupgradebot.shared.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in job for the Function tests: it records the setup it was built with, reads a secret the
 * way the real jobs do, and (carelessly) puts the secret in its report, so that redaction shows; its
 * report sink keeps what would have been stored.
 */
public final class FakeJob {
    public static final String PAST_DUE = "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":{\"Last\":"
            + "\"2026-11-21T03:00:00+00:00\",\"Next\":\"2026-11-22T03:00:00+00:00\",\"LastUpdated\":"
            + "\"2026-11-21T03:00:00+00:00\"},\"IsPastDue\":true}";
    public static final String ON_TIME = "{\"Schedule\":{\"AdjustForDST\":true},\"IsPastDue\":false}";

    public final AtomicReference<JobSetup> seen = new AtomicReference<>();
    public final List<JobReport> stored = new ArrayList<>();
    /** Stores reports in {@link #stored} when a container is configured, as the blob sink would. */
    public final FunctionInvocation.SinkFactory sink = (settings, credential) ->
            settings.reportContainerUrl().map(url -> report -> {
                stored.add(report);
                return List.of(url + "/" + report.job() + "/now.md");
            });

    private final String job;
    private final String secretName;
    private final String wouldDo;
    private final String did;

    /**
     * @param job the job's name, e.g. {@code helm-upgrade}
     * @param secretName the secret it reads, e.g. {@code github-token}
     * @param wouldDo what its dry run reports, e.g. {@code would open 1 PR}
     * @param did what its real run reports, e.g. {@code opened 1 PR}
     */
    public FakeJob(String job, String secretName, String wouldDo, String did) {
        this.job = job;
        this.secretName = secretName;
        this.wouldDo = wouldDo;
        this.did = did;
    }

    /** A factory whose job ends with {@code exitCode}. */
    public FunctionInvocation.JobFactory factory(int exitCode) {
        return setup -> {
            seen.set(setup);
            return () -> {
                String secret = setup.secrets().get(secretName).value();
                String mode = setup.dryRun() ? wouldDo : did;
                return new JobReport(job, exitCode, mode + " using " + secret, "# " + mode + " (" + secret + ")",
                        "{\"done\":\"" + mode + "\",\"secret\":\"" + secret + "\"}");
            };
        };
    }
}
