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
    void noCompareLinkWithoutTwoShasOrAGitHubSource() {
        assertEquals(Optional.empty(), new BumpSummary("binderhub", "Chart.yaml", "1.0.0",
                "1.0.0-0.dev.git.3373.h41b9d77", BINDERHUB).compareUrl());
        assertEquals(Optional.empty(), new BumpSummary("ingress-nginx", "Chart.yaml", "4.9.0", "4.10.0",
                Optional.of("https://github.com/kubernetes/ingress-nginx")).compareUrl());
        assertEquals(Optional.empty(), new BumpSummary("binderhub", "Chart.yaml", "1.0.0-0.dev.git.3361.h6ba80cf",
                "1.0.0-0.dev.git.3373.h41b9d77", Optional.of("https://gitlab.com/x/y")).compareUrl());
        assertEquals(Optional.empty(), new BumpSummary("binderhub", "Chart.yaml", "1.0.0-0.dev.git.3361.h6ba80cf",
                "1.0.0-0.dev.git.3373.h41b9d77", Optional.empty()).compareUrl());
    }

    @Test
    void titleFollowsTheMybinderConventionForOneBumpAndCountsSeveral() {
        BumpSummary one = new BumpSummary("binderhub", "mybinder/Chart.yaml", "1.0.0-0.dev.git.3361.h6ba80cf",
                "1.0.0-0.dev.git.3373.h41b9d77", BINDERHUB);
        assertEquals("binderhub: 1.0.0-0.dev.git.3361.h6ba80cf...1.0.0-0.dev.git.3373.h41b9d77",
                PullRequestText.title(change(List.of(one), Map.of("a", "b"))));
        BumpSummary two = new BumpSummary("jupyterhub", "mybinder/Chart.yaml", "3.3.7", "3.3.8", Optional.empty());
        assertEquals("Bump 2 Helm dependencies in mybinder",
                PullRequestText.title(change(List.of(one, two), Map.of("a", "b"))));
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
                + "`1.0.0-0.dev.git.3373.h41b9d77` | [compare](https://github.com/jupyterhub/binderhub/compare/"
                + "6ba80cf...41b9d77) |"), body);
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
