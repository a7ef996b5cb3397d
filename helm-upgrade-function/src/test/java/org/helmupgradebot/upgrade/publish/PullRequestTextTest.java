package org.helmupgradebot.upgrade.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helmupgradebot.shared.testing.TestSecrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PullRequestTextTest {
    private static final Optional<String> BINDERHUB = Optional.of("https://github.com/jupyterhub/binderhub");

    private static ChangeSet change(List<BumpSummary> bumps, Map<String, String> files) {
        return new ChangeSet("jupyterhub/mybinder.org-deploy", "main", "mybinder", files, bumps, List.of(), List.of());
    }

    @Test
    void compareLinksFromHelmDevBuildsAndGitDescribeTags() {
        assertEquals(Optional.of("https://github.com/jupyterhub/binderhub/compare/6ba80cf...41b9d77"),
                new BumpSummary("binderhub", "Chart.yaml", "1.0.0-0.dev.git.3361.h6ba80cf",
                        "1.0.0-0.dev.git.3373.h41b9d77", BINDERHUB).compareUrl());
        assertEquals(Optional.of("https://github.com/jupyterhub/repo2docker/compare/8c4eaa7...2f1914d"),
                new BumpSummary("repo2docker", "values.yaml", "0.11.0-175.g8c4eaa7", "0.11.0-195.g2f1914d",
                        Optional.of("https://github.com/jupyterhub/repo2docker.git")).compareUrl());
        assertEquals(Optional.of("https://github.com/jupyterhub/repo2docker/compare/8c4eaa7...97bb4e45a"),
                new BumpSummary("repo2docker", "values.yaml", "0.11.0-175-g8c4eaa7", "2026.4.1.dev44-g97bb4e45a",
                        Optional.of("https://github.com/jupyterhub/repo2docker/")).compareUrl());
    }

    @Test
    void releaseVersionsCompareAsTagsAndASourceMayBeGivenAsOwnerName() {
        assertEquals(Optional.of("https://github.com/kubernetes/ingress-nginx/compare/4.9.0...4.10.0"),
                new BumpSummary("ingress-nginx", "Chart.yaml", "4.9.0", "4.10.0",
                        Optional.of("https://github.com/kubernetes/ingress-nginx")).compareUrl());
        assertEquals(Optional.of("https://github.com/jupyterhub/binderhub/compare/b35ec4e...f76e37e"),
                new BumpSummary("binderhub", "requirements.yaml", "0.2.0-n465.hb35ec4e", "0.2.0-n471.hf76e37e",
                        Optional.of("jupyterhub/binderhub")).compareUrl());
    }

    @Test
    void noCompareLinkWithoutTwoRefsOrAGitHubSource() {
        assertEquals(Optional.empty(), new BumpSummary("binderhub", "Chart.yaml", "1.0.0",
                "1.0.0-0.dev.git.3373.h41b9d77", BINDERHUB).compareUrl());
        assertEquals(Optional.empty(), new BumpSummary("ingress-nginx", "Chart.yaml", "4.9.0", "4.10.0-beta.1",
                Optional.of("https://github.com/kubernetes/ingress-nginx")).compareUrl());
        assertEquals(Optional.empty(), new BumpSummary("binderhub", "Chart.yaml", "1.0.0-0.dev.git.3361.h6ba80cf",
                "1.0.0-0.dev.git.3373.h41b9d77", Optional.of("https://gitlab.com/x/y")).compareUrl());
        assertEquals(Optional.empty(), new BumpSummary("binderhub", "Chart.yaml", "1.0.0-0.dev.git.3361.h6ba80cf",
                "1.0.0-0.dev.git.3373.h41b9d77", Optional.empty()).compareUrl());
    }

    @Test
    void titleFollowsTheMybinderConventionAndNamesEveryBump() {
        BumpSummary one = new BumpSummary("binderhub", "mybinder/Chart.yaml", "1.0.0-0.dev.git.3361.h6ba80cf",
                "1.0.0-0.dev.git.3373.h41b9d77", BINDERHUB);
        assertEquals("binderhub: 1.0.0-0.dev.git.3361.h6ba80cf...1.0.0-0.dev.git.3373.h41b9d77",
                PullRequestText.title(change(List.of(one), Map.of("a", "b"))));
        BumpSummary two = new BumpSummary("nginx-ingress", "mybinder/Chart.yaml", "1.39.0", "1.40.2", Optional.empty());
        assertEquals("binderhub: 1.0.0-0.dev.git.3361.h6ba80cf...1.0.0-0.dev.git.3373.h41b9d77, "
                        + "nginx-ingress: 1.39.0...1.40.2",
                PullRequestText.title(change(List.of(one, two), Map.of("a", "b"))));
    }

    @Test
    void aMajorBumpIsMarkedInTitleAndBody() {
        BumpSummary major = new BumpSummary("jupyterhub", "Chart.yaml", "3.3.8", "4.0.0", Optional.empty());
        assertTrue(major.major());
        ChangeSet c = change(List.of(major), Map.of("Chart.yaml", "x"));
        assertEquals("jupyterhub: 3.3.8...4.0.0 (major)", PullRequestText.title(c));
        assertTrue(PullRequestText.body(c).contains("**One bump crosses a major version**"), PullRequestText.body(c));
        assertTrue(!new BumpSummary("j", "f", "3.3.8", "3.4.0", Optional.empty()).major());
    }

    @Test
    void aLongTitleNamesAsManyBumpsAsFitThenCountsTheRest() {
        List<BumpSummary> bumps = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bumps.add(new BumpSummary("chart-" + i, "Chart.yaml", "1.0.0-0.dev.git.3361.h6ba80cf",
                    "1.0.0-0.dev.git.3373.h41b9d77", Optional.empty()));
        }
        String title = PullRequestText.title(change(bumps, Map.of("a", "b")));
        assertTrue(title.length() <= 256, title.length() + ": " + title);
        assertTrue(title.startsWith("chart-0: 1.0.0-0.dev.git.3361.h6ba80cf...1.0.0-0.dev.git.3373.h41b9d77, chart-1: "),
                title);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" and (\\d+) more$").matcher(title);
        assertTrue(m.find(), title);
        long named = title.chars().filter(ch -> ch == ':').count();
        assertEquals(12, named + Integer.parseInt(m.group(1)), "every bump is named or counted: " + title);

        BumpSummary huge = new BumpSummary("x".repeat(300), "Chart.yaml", "1.0.0", "1.0.1", Optional.empty());
        String cut = PullRequestText.title(change(List.of(huge, bumps.get(0)), Map.of("a", "b")));
        assertEquals(256, cut.length());
        assertTrue(cut.endsWith("\u2026 and 1 more"), cut);
    }

    @Test
    void theBodySaysWhenNoSourceIsKnownAndListsMergedPullsOrWhyNot() {
        BumpSummary known = new BumpSummary("binderhub", "requirements.yaml", "0.2.0-n465.hb35ec4e",
                "0.2.0-n471.hf76e37e", Optional.of("jupyterhub/binderhub"));
        BumpSummary unknown = new BumpSummary("grafana", "requirements.yaml", "5.0.26", "5.1.2", Optional.empty());
        BumpSummary failing = new BumpSummary("nginx", "requirements.yaml", "2.13.0", "2.15.0",
                Optional.of("kubernetes/ingress-nginx"));
        ChangeSet c = change(List.of(known, unknown, failing), Map.of("requirements.yaml", "x"));
        CodePlatform.MergedPulls pulls = new CodePlatform.MergedPulls(List.of(
                new CodePlatform.MergedPull(1234, "Fix the | pipe", "alice"),
                new CodePlatform.MergedPull(1240, "Another", "Bob B")), 3, 0, 9);
        String body = PullRequestText.body(c, Map.of(0, PullRequestText.Between.listed(pulls),
                2, PullRequestText.Between.failed("GitHub answered 500")));
        assertTrue(body.contains("[b35ec4e...f76e37e](https://github.com/jupyterhub/binderhub/compare/b35ec4e...f76e37e)"),
                body);
        assertTrue(body.contains("| grafana | `requirements.yaml` | `5.0.26` | `5.1.2` | no source known"
                + " (set `source: owner/name` for grafana in the bot config) |"), body);
        assertTrue(body.contains("- [#1234](https://github.com/jupyterhub/binderhub/pull/1234) Fix the \\| pipe (alice)"),
                body);
        assertTrue(body.contains("- and 3 more: [all changes](https://github.com/jupyterhub/binderhub/compare/"
                + "b35ec4e...f76e37e)"), body);
        assertTrue(body.contains("#### nginx: merged pull requests\n\nCould not be listed (GitHub answered 500);"
                + " the bump does not depend on them."), body);
    }

    @Test
    void bodyHasTheMarkerATableAndAFingerprintThatReadsBack() {
        BumpSummary one = new BumpSummary("binderhub", "mybinder/Chart.yaml", "1.0.0-0.dev.git.3361.h6ba80cf",
                "1.0.0-0.dev.git.3373.h41b9d77", BINDERHUB);
        BumpSummary piped = new BumpSummary("odd|name", "values.yaml", "1", "2", Optional.empty());
        ChangeSet c = change(List.of(one, piped), Map.of("mybinder/Chart.yaml", "version: x\n"));
        String body = PullRequestText.body(c);
        assertTrue(body.startsWith(PullRequestText.MARKER));
        assertTrue(body.contains("| binderhub | `mybinder/Chart.yaml` | `1.0.0-0.dev.git.3361.h6ba80cf` | "
                + "`1.0.0-0.dev.git.3373.h41b9d77` | [6ba80cf...41b9d77](https://github.com/jupyterhub/binderhub/"
                + "compare/6ba80cf...41b9d77) |"), body);
        assertTrue(body.contains("| odd\\|name |"), "a pipe cannot break the table");
        assertEquals(Optional.of(PullRequestText.fingerprint(c.files())), PullRequestText.fingerprintInBody(body));
        assertEquals(Optional.of(PullRequestText.fingerprint(c.files())),
                PullRequestText.fingerprintInCommit(PullRequestText.commitMessage(c)));
        assertEquals(Optional.empty(), PullRequestText.fingerprintInBody(body.replace(PullRequestText.MARKER, "")),
                "no marker, not the bot's");
    }

    @Test
    void fingerprintIsOrderFreeAndSensitiveToPathsAndBytes() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        assertEquals(PullRequestText.fingerprint(ab), PullRequestText.fingerprint(ba));
        assertNotEquals(PullRequestText.fingerprint(ab), PullRequestText.fingerprint(Map.of("a", "1", "b", "2 ")));
        assertNotEquals(PullRequestText.fingerprint(Map.of("ab", "c")), PullRequestText.fingerprint(Map.of("a", "bc")));
        assertEquals(64, PullRequestText.fingerprint(ab).length());
    }

    @Test
    void branchNameIsDeterministicAndSafe() {
        assertEquals("helm-upgrade-bot/mybinder", change(List.of(), Map.of()).branchName());
        ChangeSet spaced = new ChangeSet("o/r", "main", " my target: prod ", Map.of(), List.of(), List.of(), List.of());
        assertEquals("helm-upgrade-bot/my-target-prod", spaced.branchName());
        assertThrows(IllegalArgumentException.class,
                () -> new ChangeSet("not a repo", "main", "t", Map.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void errorLinesNeverCarryTokens() {
        assertEquals("token ghp_*** and github_pat_*** and Bearer ***",
                GitHubErrors.redact("token " + TestSecrets.githubToken() + " and " + TestSecrets.fineGrainedGithubToken()
                        + " and Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig"));
    }
}
