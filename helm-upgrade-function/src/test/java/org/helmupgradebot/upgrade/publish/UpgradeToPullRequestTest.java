package org.helmupgradebot.upgrade.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helmupgradebot.shared.testing.TestSecrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.helmupgradebot.shared.testing.Fixtures;
import org.helmupgradebot.shared.testing.StaticHttpServer;
import org.helmupgradebot.upgrade.cli.HelmUpgradeCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole daily job from the command line, no dry run: real mybinder.org config files in a fake
 * GitHub, the real jupyterhub index on loopback, and the pull request that results.
 */
class UpgradeToPullRequestTest {
    private static final String REPO = "jupyterhub/mybinder.org-deploy";
    private static final String TOKEN = TestSecrets.githubToken();
    private static final String CHART = "mybinder/requirements.yaml";
    private static final String PIN = "0.2.0-n471.hf76e37e";

    @TempDir
    Path dir;
    private FakeGitHub github;
    private StaticHttpServer helm;
    private String requirements;

    @BeforeEach
    void start() throws Exception {
        requirements = Files.readString(
                Fixtures.path("config-repos/mybinder.org-deploy/2021-01-09_c7709e92/" + CHART));
        github = new FakeGitHub();
        github.addToken(TOKEN, "helm-bot");
        github.createRepo(REPO, "main", Map.of(CHART, requirements, "README.md", "# mybinder\n"));
        helm = new StaticHttpServer();
    }

    @AfterEach
    void stop() {
        if (github != null) {
            github.close();
        }
        if (helm != null) {
            helm.close();
        }
    }

    private String run(Path index) throws Exception {
        helm.file("/jupyterhub/index.yaml", index);
        Path config = dir.resolve("bot.yaml");
        Files.writeString(config, """
                targets:
                  - name: mybinder
                    repo: %s
                    charts: [%s]
                    dependencies:
                      binderhub: {allowed: "<0.3.0"}
                      ingress-nginx: {ignore: true}
                      prometheus: {ignore: true}
                      grafana: {ignore: true}
                    labels: [dependencies]
                mirrors:
                  https://jupyterhub.github.io/helm-chart: %s/jupyterhub/
                """.formatted(REPO, CHART, helm.base()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HelmUpgradeCli.run(new String[] {"--config", config.toString()},
                Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_API_URL", github.url()), new PrintWriter(out), new PrintWriter(err));
        String all = out + err.toString();
        assertEquals(0, code, all);
        assertFalse(all.contains(TOKEN), "the token never reaches the output");
        return all;
    }

    @Test
    void opensOnePullRequestThenLeavesItAloneThenUpdatesIt() throws Exception {
        Path index = Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml");
        String first = run(index);
        List<FakeGitHub.Pull> open = github.openPulls(REPO);
        assertEquals(1, open.size(), first);
        FakeGitHub.Pull pull = open.get(0);
        assertTrue(pull.title.startsWith("binderhub: " + PIN + "..."), pull.title);
        String newest = pull.title.substring(pull.title.indexOf("...") + 3);
        assertTrue(newest.startsWith("0.2.0-"), "stays below 0.3.0 as configured: " + newest);
        assertEquals(List.of("dependencies"), pull.labels);
        assertTrue(pull.body.contains("<!-- helm-upgrade-bot -->"), pull.body);
        String head = github.ref(REPO, "helm-upgrade-bot/mybinder").orElseThrow();
        assertEquals(requirements.replace("version: " + PIN, "version: " + newest), github.file(head, CHART),
                "only the version bytes change");
        assertTrue(first.contains("mybinder: CREATED #"), first);

        github.clearLog();
        String second = run(index);
        assertEquals(List.of(), github.requests().stream().filter(FakeGitHub.Request::isWrite).toList(), second);
        assertEquals(1, github.openPulls(REPO).size());

        // A newer 0.2.0 build appears in the index: the same pull request moves to it.
        Path newer = dir.resolve("index.yaml");
        String text = Files.readString(index);
        String entry = """
                  binderhub:
                  - apiVersion: v1
                    created: "2030-01-01T00:00:00Z"
                    name: binderhub
                    urls:
                    - https://jupyterhub.github.io/helm-chart/binderhub-0.2.0-n9999.h1234567.tgz
                    version: 0.2.0-n9999.h1234567
                """;
        Files.writeString(newer, text.replaceFirst("(?m)^  binderhub:\n", entry.replace("\r", "")));
        run(newer);
        open = github.openPulls(REPO);
        assertEquals(1, open.size());
        assertEquals(pull.number, open.get(0).number, "updated in place");
        assertEquals("binderhub: " + PIN + "...0.2.0-n9999.h1234567", open.get(0).title);
    }

    /**
     * The jupyterhub index as it was at {@code cutoff}: the binderhub entries created by then (the only
     * chart this config does not ignore), written as a small index file.
     */
    private Path indexAsOf(String cutoff) throws Exception {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        Map<String, Object> full;
        try (java.io.Reader r = Files.newBufferedReader(Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml"))) {
            full = new org.yaml.snakeyaml.Yaml(options).load(r);
        }
        java.time.Instant until = java.time.Instant.parse(cutoff);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> binderhub = ((Map<String, List<Map<String, Object>>>) full.get("entries")).get("binderhub");
        List<Map<String, Object>> kept = binderhub.stream()
                .filter(e -> java.time.OffsetDateTime.parse(String.valueOf(e.get("created"))).toInstant().isBefore(until))
                .toList();
        Map<String, Object> index = new java.util.LinkedHashMap<>();
        index.put("apiVersion", "v1");
        index.put("entries", Map.of("binderhub", kept));
        index.put("generated", cutoff);
        Path file = dir.resolve("index-as-of.yaml");
        Files.writeString(file, new org.yaml.snakeyaml.Yaml().dump(index));
        return file;
    }

    /**
     * henchbot's real bump of mybinder.org-deploy (binderhub 0.2.0-n465.hb35ec4e to 0.2.0-n471.hf76e37e, its
     * commit carried https://github.com/jupyterhub/binderhub/compare/b35ec4e...f76e37e): the config repo at the
     * parent state, the index as of that afternoon, jupyterhub/binderhub in the stand-in answering the compare
     * API (its merge commits are the stand-in's, written here: the real ones are not in the fixtures).
     */
    @Test
    void theRealHenchbotBumpHasItsCompareLinkTheMergedPullRequestsAndADashboard() throws Exception {
        String parent = requirements.replace("version: " + PIN, "version: 0.2.0-n465.hb35ec4e");
        github.close();
        github = new FakeGitHub();
        github.addToken(TOKEN, "helm-bot");
        github.createRepo(REPO, "master", Map.of(CHART, parent));
        github.createRepo("jupyterhub/binderhub", "master", Map.of("README.md", "binderhub\n"));
        github.tag("jupyterhub/binderhub", "b35ec4e", github.ref("jupyterhub/binderhub", "master").orElseThrow());
        List<String> merged = github.commitChain("jupyterhub/binderhub", "master", List.of(
                new String[] {"Merge pull request #1221 from a-contributor/branch-one\n\nFirst change between the builds",
                        "A Contributor"},
                new String[] {"Second change, squashed (#1224)", "Another Contributor"}));
        github.tag("jupyterhub/binderhub", "f76e37e", merged.get(1));

        helm.file("/jupyterhub/index.yaml", indexAsOf("2021-01-06T16:00:00Z"));
        Path config = dir.resolve("bot.yaml");
        Files.writeString(config, """
                targets:
                  - name: mybinder
                    repo: %s
                    charts: [%s]
                    dashboard: true
                    dependencies:
                      binderhub: {source: jupyterhub/binderhub}
                      ingress-nginx: {ignore: true}
                      prometheus: {ignore: true}
                      grafana: {ignore: true}
                mirrors:
                  https://jupyterhub.github.io/helm-chart: %s/jupyterhub/
                """.formatted(REPO, CHART, helm.base()));

        StringWriter dry = new StringWriter();
        assertEquals(0, HelmUpgradeCli.run(new String[] {"--config", config.toString(), "--dry-run"},
                Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_API_URL", github.url()), new PrintWriter(dry), new PrintWriter(dry)));
        assertTrue(dry.toString().contains(
                "mybinder binderhub: https://github.com/jupyterhub/binderhub/compare/b35ec4e...f76e37e"), dry.toString());

        StringWriter out = new StringWriter();
        int code = HelmUpgradeCli.run(new String[] {"--config", config.toString()},
                Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_API_URL", github.url()), new PrintWriter(out), new PrintWriter(out));
        assertEquals(0, code, out.toString());
        FakeGitHub.Pull pull = github.openPulls(REPO).get(0);
        assertEquals("binderhub: 0.2.0-n465.hb35ec4e...0.2.0-n471.hf76e37e", pull.title, "henchbot's own choice");
        assertTrue(pull.body.contains("[b35ec4e...f76e37e](https://github.com/jupyterhub/binderhub/compare/b35ec4e...f76e37e)"),
                pull.body);
        assertTrue(pull.body.contains("- [#1221](https://github.com/jupyterhub/binderhub/pull/1221) First change between the builds"
                + " (a-contributor)"), pull.body);
        assertTrue(pull.body.contains("- [#1224](https://github.com/jupyterhub/binderhub/pull/1224) Second change, squashed"
                + " (Another Contributor)"), pull.body);
        String dashboard = github.openIssues(REPO).get(0).body;
        assertTrue(dashboard.contains("| binderhub | `mybinder/requirements.yaml` | `0.2.0-n465.hb35ec4e` | `0.2.0-n471.hf76e37e` | [#"
                + pull.number + "]"), dashboard);
        assertTrue(dashboard.contains("- grafana\n- ingress-nginx\n- prometheus\n"), dashboard);
        System.out.println("---- PR title: " + pull.title + "\n---- PR body:\n" + pull.body
                + "\n---- dashboard: " + github.openIssues(REPO).get(0).title + "\n" + dashboard + "\n---- run:\n" + out);
    }
}
