package org.helmupgradebot.upgrade.publish;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.helmupgradebot.upgrade.plan.PlanRow;

/**
 * The text of a target's dashboard issue (as Renovate's Dependency Dashboard): the pending bumps and
 * their pull request, the pins skipped and why, the ignored dependencies, the last run's result and the
 * last error. The one line naming the run's time is left out when comparing, so a run that finds the
 * same thing leaves the issue as it is.
 */
public final class DashboardText {
    private static final String MARKER_PREFIX = "<!-- helm-upgrade-bot:dashboard:";
    private static final Pattern RUN_LINE = Pattern.compile("(?m)^<sub>Written by the run of .*</sub>\\n?");
    private static final Pattern LAST_ERROR = Pattern.compile("(?m)^\\*\\*Last error\\*\\*: .*$");

    /**
     * What one run knows about a target.
     *
     * @param rows the plan's rows (empty when the target failed before planning)
     * @param ignored names of the pins the config ignores
     * @param pulls the pull request each pending bump is in, by dependency name (a target may have several)
     * @param errors this run's errors for the target (empty: it went fine)
     */
    public record State(String target, String where, List<PlanRow> rows, List<String> ignored,
                        Map<String, PublishResult> pulls, List<String> errors, Instant runTime) {
        public State {
            rows = List.copyOf(rows);
            pulls = Map.copyOf(pulls);
            ignored = List.copyOf(ignored);
            errors = List.copyOf(errors);
        }
    }

    private DashboardText() {}

    /** The hidden marker the bot finds its dashboard issue by. */
    public static String marker(String target) {
        return MARKER_PREFIX + target.replaceAll("[^A-Za-z0-9._/-]", "-") + " -->";
    }

    public static String title(String target) {
        return "helm-upgrade-bot dashboard: " + target;
    }

    /**
     * The body for this run; {@code previous} is the body now on the issue, whose last error is kept
     * when this run had none.
     */
    public static String body(State s, Optional<String> previous) {
        StringBuilder b = new StringBuilder();
        b.append(marker(s.target())).append('\n');
        b.append("What helm-upgrade-bot sees in `").append(cell(s.where())).append("` (target `")
                .append(cell(s.target())).append("`). The bot keeps this issue up to date; edits to it are"
                + " overwritten.\n\n");
        b.append("**Last run**: ").append(s.errors().isEmpty() ? "ok" : "failed").append('\n');
        b.append(lastError(s, previous)).append("\n\n");

        List<PlanRow> pending = s.rows().stream().filter(PlanRow::isBump).toList();
        b.append("## Pending bumps\n\n");
        if (pending.isEmpty()) {
            b.append("None: every checked pin is at the newest allowed version.\n");
        } else {
            b.append("| name | file | current | newest | pull request |\n|---|---|---|---|---|\n");
            for (PlanRow r : pending) {
                String pr = Optional.ofNullable(s.pulls().get(r.pin().name())).flatMap(p -> p.pullNumber()
                        .map(n -> "[#" + n + "](" + p.pullUrl().orElse("") + ")")).orElse("not opened yet");
                b.append("| ").append(cell(r.pin().name())).append(" | `").append(cell(r.pin().file()))
                        .append("` | `").append(cell(r.pin().version())).append("` | `")
                        .append(cell(r.newest().orElse(""))).append("` | ").append(pr).append(" |\n");
            }
        }
        List<PlanRow> waiting = s.rows().stream().filter(r -> r.action() == PlanRow.Action.WAITING).toList();
        if (!waiting.isEmpty()) {
            b.append("\n## Waiting\n\n| name | file | current | waiting | why |\n|---|---|---|---|---|\n");
            for (PlanRow r : waiting) {
                b.append("| ").append(cell(r.pin().name())).append(" | `").append(cell(r.pin().file()))
                        .append("` | `").append(cell(r.pin().version())).append("` | `")
                        .append(cell(r.newest().orElse(""))).append("` | ").append(cell(r.reason())).append(" |\n");
            }
        }
        List<PlanRow> skipped = s.rows().stream().filter(r -> r.action() == PlanRow.Action.SKIPPED)
                .filter(r -> !s.ignored().contains(r.pin().name())).toList();
        b.append("\n## Skipped pins\n\n");
        if (skipped.isEmpty()) {
            b.append("None.\n");
        } else {
            b.append("| name | file | version | why |\n|---|---|---|---|\n");
            for (PlanRow r : skipped) {
                b.append("| ").append(cell(r.pin().name())).append(" | `").append(cell(r.pin().file()))
                        .append("` | `").append(cell(r.pin().version())).append("` | ").append(cell(r.reason()))
                        .append(" |\n");
            }
        }
        b.append("\n## Ignored dependencies\n\n");
        if (s.ignored().isEmpty()) {
            b.append("None.\n");
        } else {
            s.ignored().stream().distinct().sorted().forEach(n -> b.append("- ").append(cell(n)).append('\n'));
        }
        b.append("\n<sub>Written by the run of ").append(s.runTime().truncatedTo(ChronoUnit.SECONDS))
                .append("; runs that find the same leave this issue as it is.</sub>\n");
        return b.toString();
    }

    /** The body without its run-time line: two bodies that differ only in it say the same. */
    public static String content(String body) {
        return RUN_LINE.matcher(body == null ? "" : body.replace("\r\n", "\n")).replaceAll("");
    }

    private static String lastError(State s, Optional<String> previous) {
        if (!s.errors().isEmpty()) {
            return "**Last error**: " + s.runTime().truncatedTo(ChronoUnit.SECONDS) + ": "
                    + cell(String.join("; ", s.errors()));
        }
        Optional<String> kept = previous.map(LAST_ERROR::matcher).filter(Matcher::find).map(Matcher::group);
        return kept.orElse("**Last error**: none");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("`", "'").replace("\n", " ");
    }
}
