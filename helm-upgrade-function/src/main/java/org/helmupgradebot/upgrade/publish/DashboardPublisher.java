package org.helmupgradebot.upgrade.publish;

import java.util.Optional;

/**
 * Keeps one dashboard issue per target on a {@link CodePlatform}: found by its marker, created once,
 * edited only when what it says changes. A run that cannot reach the platform changes nothing: the
 * issue is written in one call at the end, or not at all.
 */
public final class DashboardPublisher {
    private final CodePlatform platform;

    /** What was done to the dashboard. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** The outcome, the issue's number and the API calls it took. */
    public record Result(Outcome outcome, int issue, int apiCalls) {
        public String summary() {
            return "dashboard " + outcome + " #" + issue + " (" + apiCalls + " API calls)";
        }
    }

    public DashboardPublisher(CodePlatform platform) {
        this.platform = platform;
    }

    public Result update(String repo, DashboardText.State state) {
        int start = platform.callCount();
        try {
            Optional<CodePlatform.Issue> existing = platform.findIssue(repo, DashboardText.marker(state.target()));
            String title = DashboardText.title(state.target());
            if (existing.isEmpty()) {
                CodePlatform.Issue created = platform.createIssue(repo, title, DashboardText.body(state, Optional.empty()));
                return new Result(Outcome.CREATED, created.number(), platform.callCount() - start);
            }
            CodePlatform.Issue issue = existing.get();
            String body = DashboardText.body(state, Optional.of(issue.body()));
            boolean sameText = DashboardText.content(body).equals(DashboardText.content(issue.body()));
            if (sameText && title.equals(issue.title())) {
                return new Result(Outcome.UNCHANGED, issue.number(), platform.callCount() - start);
            }
            platform.editIssue(repo, issue.number(), Optional.of(title).filter(t -> !t.equals(issue.title())),
                    sameText ? Optional.empty() : Optional.of(body));
            return new Result(Outcome.UPDATED, issue.number(), platform.callCount() - start);
        } catch (PlatformException e) {
            if (e.is(PlatformException.Kind.DENIED)) {
                throw new PlatformException(e.kind(), "dashboard issue: " + e.getMessage()
                        + " (the dashboard also needs 'issues: write')");
            }
            throw new PlatformException(e.kind(), "dashboard issue: " + e.getMessage());
        }
    }
}
