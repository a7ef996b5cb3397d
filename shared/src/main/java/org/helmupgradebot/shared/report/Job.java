package org.helmupgradebot.shared.report;

/** One run of a job, built from settings by the command line or by an Azure Function. */
@FunctionalInterface
public interface Job {
    /** Runs once; never throws for an expected failure, which is reported with a non-zero exit code. */
    JobReport run();
}
