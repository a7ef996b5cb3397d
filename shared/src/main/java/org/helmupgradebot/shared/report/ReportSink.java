package org.helmupgradebot.shared.report;

import java.util.List;

/** Somewhere a finished run's report is stored for people to read (besides the log). */
public interface ReportSink {
    /**
     * Stores the report; returns where (names or URLs), for the log.
     *
     * @throws ReportSinkException with a one-line message when it cannot be stored
     */
    List<String> write(JobReport report);
}
