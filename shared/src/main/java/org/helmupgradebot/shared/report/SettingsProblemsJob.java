package org.helmupgradebot.shared.report;

import java.util.List;
import java.util.stream.Collectors;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * The job that runs when the job's own settings are bad: it only reports every problem, one line each,
 * and fails (exit code 2), so the invocation logs them all and fails.
 */
public record SettingsProblemsJob(String job, List<String> problems) implements Job {
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
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
