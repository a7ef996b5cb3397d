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
}
