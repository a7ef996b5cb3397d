package org.helmupgradebot.upgrade.function;

import java.util.List;
import java.util.stream.Collectors;
import org.helmupgradebot.shared.report.Job;
import org.helmupgradebot.shared.report.JobReport;

/**
 * The job that runs when the job's own settings are bad: it only reports every problem, one line each,
 * and fails (exit code 2), so the invocation logs them all and fails.
 */
record SettingsProblemsJob(String job, List<String> problems) implements Job {
    @Override
    public JobReport run() {
        String text = problems.stream().map(p -> job + ": " + p + "\n").collect(Collectors.joining());
        String markdown = problems.stream().map(p -> "- " + p + "\n").collect(Collectors.joining("",
                "**" + job + ": " + problems.size() + " setting(s) missing or invalid**\n\n", ""));
        String json = problems.stream().map(SettingsProblemsJob::quote)
                .collect(Collectors.joining(", ", "{\"settingsProblems\": [", "]}\n"));
        return new JobReport(job, 2, text, markdown, json);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
