package org.helmupgradebot.upgrade.cli;

import static org.helmupgradebot.shared.testing.HostileServer.drip;
import static org.helmupgradebot.shared.testing.HostileServer.json;
import static org.helmupgradebot.shared.testing.HostileServer.redirect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.helmupgradebot.shared.testing.HostileServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The helm-upgrade command line against hosts that misbehave on purpose (issue 8's findings 1, 4 to 9),
 * judged from the outside: exit code, the one error line, no stack trace, what other hosts received, time.
 */
class HostileSourcesCliTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err, long millis) {
        /** The report's error lines. */
        List<String> errors() {
            return out.lines().filter(l -> l.startsWith("error: ")).toList();
        }

        void assertNoStackTrace() {
            assertFalse((out + err).contains("\tat ") || (out + err).contains("Exception"), out + err);
        }
    }

    private Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = HelmUpgradeCli.run(args, env, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString(), (System.nanoTime() - start) / 1_000_000);
    }

    /** A Chart.yaml pinning one chart from each repository URL given. */
    private Path chart(String... repositories) throws Exception {
        StringBuilder deps = new StringBuilder();
        for (int i = 0; i < repositories.length; i++) {
            deps.append("  - name: dep").append(i).append("\n    version: 1.0.0\n    repository: ")
                    .append(repositories[i]).append('\n');
        }
        Path chart = dir.resolve("app/Chart.yaml");
        Files.createDirectories(chart.getParent());
        Files.writeString(chart, "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n" + deps);
        return chart;
    }

    @Test
    void aGitHubRedirectToAnotherHostNeverCarriesTheToken() throws Exception {
        // Finding 1: with GITHUB_API_URL answering 302 to another host, "Authorization: token …" arrived there.
        Path config = dir.resolve("bot.yaml");
        Files.writeString(config, "targets:\n  - name: app\n    repo: team/config\n    charts: [app/Chart.yaml]\n");
        try (HostileServer other = HostileServer.start().on("/", json(200, "{}"));
                HostileServer api = HostileServer.start().on("/", ex -> redirect(302, other.url()
                        + ex.getRequestURI()).handle(ex))) {
            String token = "ghp_" + "T".repeat(36);
            Result r = run(Map.of("GITHUB_TOKEN", token, "GITHUB_API_URL", api.url()), "--config", config.toString(),
                    "--dry-run");
            assertEquals(1, r.code(), r.out() + r.err());
            assertTrue(api.authorizations().contains("token " + token), "the API's own origin got it");
            assertFalse(other.seen().isEmpty(), "the redirect was followed");
            assertTrue(other.authorizations().stream().allMatch(a -> a == null), "no token to " + other.url()
                    + ": " + other.seen());
            assertEquals(1, r.errors().size(), r.out());
            assertFalse(r.out().contains(token.substring(4)));
            r.assertNoStackTrace();
        }
    }

    @Test
    void tagPagesThatNeverEndStopAtThePageCap() throws Exception {
        // Finding 4 (helm-upgrade's tag list): a new Link on every empty page.
        Path values = dir.resolve("app/values.yaml");
        Files.createDirectories(values.getParent());
        Files.writeString(values, "hub:\n  image: quay.io/team/hub:1.0.0\n");
        AtomicInteger n = new AtomicInteger();
        try (HostileServer registry = HostileServer.start().on("/v2/team/hub/tags/list", ex -> json(200,
                "{\"tags\":[]}", "Link", "</v2/team/hub/tags/list?n=100&last=p" + n.incrementAndGet() + ">; rel=\"next\"")
                .handle(ex))) {
            Result r = run(Map.of(), "--values-file", values.toString(), "--image-path", "hub.image",
                    "--mirror", "quay.io=" + registry.url(), "--dry-run");
            assertEquals(1, r.code(), r.out() + r.err());
            assertEquals(1, r.errors().size(), r.out());
            assertTrue(r.errors().get(0).contains(registry.url() + "/v2/team/hub/tags/list?n=100: more than 1000 pages"),
                    r.out());
            assertEquals(1000, registry.seen().size());
            r.assertNoStackTrace();
        }
    }

    @Test
    void aDrippingIndexFailsWithinTheTimeoutGiven() throws Exception {
        // Finding 5: headers, then one byte at a time, never timed out.
        try (HostileServer repo = HostileServer.start().on("/", drip(200))) {
            Result r = run(Map.of(), "--chart-file", chart(repo.url() + "/charts").toString(), "--dry-run",
                    "--http-timeout", "3");
            assertEquals(1, r.code());
            assertEquals(1, r.errors().size(), r.out());
            assertTrue(r.errors().get(0).contains(repo.url() + "/charts/index.yaml: timed out after 1 s"), r.out());
            assertTrue(r.millis() < 4000, r.millis() + " ms");
            r.assertNoStackTrace();
        }
    }

    @Test
    void tenHostsThatNeverAnswerCostAboutOneTimeoutNotTen() throws Exception {
        // Finding 6 and the concurrent lookup: ten unreachable repositories cost 71 s one after another.
        List<HostileServer.Silent> silent = new ArrayList<>();
        try {
            String[] repos = new String[10];
            for (int i = 0; i < repos.length; i++) {
                silent.add(new HostileServer.Silent());
                repos[i] = silent.get(i).url() + "/charts";
            }
            Result r = run(Map.of(), "--chart-file", chart(repos).toString(), "--dry-run", "--http-timeout", "3");
            assertEquals(1, r.code());
            assertEquals(10, r.errors().size(), r.out());
            assertTrue(r.errors().stream().allMatch(l -> l.contains("timed out after")), r.out());
            assertTrue(r.millis() < 6000, "about one 3 s timeout, not ten: " + r.millis() + " ms");
            r.assertNoStackTrace();
        } finally {
            silent.forEach(HostileServer.Silent::close);
        }
    }

    @Test
    void aRunStoppedWhileItSpillsAnEndlessIndexLeavesNoTempFile() throws Exception {
        // Finding 7: helm-upgrade filled a temp file without limit and left it behind when killed.
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        try (HostileServer repo = HostileServer.start().on("/", HostileServer.endless(
                "apiVersion: v1\nentries:\n  other:\n", "  - name: other\n    version: 1.0.0\n"))) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                    HelmUpgradeCli.class.getName(), "--chart-file", chart(repo.url() + "/charts").toString(), "--dry-run")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            try {
                long until = System.nanoTime() + 30_000_000_000L;
                while (spillFiles(tmp) == 0 && child.isAlive() && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                assertEquals(1, spillFiles(tmp), "the index spilled to a temp file: " + Files.readString(dir.resolve("child.log")));
                child.destroy(); // SIGTERM, as a person's Ctrl-C or the host stopping the run
                assertTrue(child.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
            } finally {
                child.destroyForcibly();
            }
            assertEquals(0, spillFiles(tmp), "no temp file left behind");
        }
    }

    private static long spillFiles(Path tmp) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("helm-index-")).count();
        }
    }

    @Test
    void anIndexRedirectToFtpIsOneLine() throws Exception {
        // Finding 8.
        try (HostileServer repo = HostileServer.start().on("/", redirect(302, "ftp://127.0.0.1/index.yaml"))) {
            Result r = run(Map.of(), "--chart-file", chart(repo.url() + "/charts").toString(), "--dry-run");
            assertEquals(1, r.code());
            assertEquals(1, r.errors().size(), r.out());
            assertTrue(r.errors().get(0).endsWith(repo.url()
                    + "/charts/index.yaml: redirect to ftp: URL refused: only http and https are fetched"), r.out());
            r.assertNoStackTrace();
        }
    }

    @Test
    void userInfoInARepositoryUrlIsSentToItsOriginOnlyAndNeverPrinted() throws Exception {
        // Finding 9: user:password@ was printed in the report, the --report file and error lines.
        try (HostileServer repo = HostileServer.start().on("/", json(404, "<html>gone</html>"))) {
            String url = repo.url().replace("http://", "http://bot:hunter2-pass@") + "/charts";
            Path chart = chart(url);
            for (String output : List.of("table", "json")) {
                Result r = run(Map.of(), "--chart-file", chart.toString(), "--dry-run", "--output", output);
                assertEquals(1, r.code());
                assertTrue(r.out().contains(repo.url() + "/charts/index.yaml: 404 Not Found"), r.out());
                assertFalse((r.out() + r.err()).contains("hunter2") || (r.out() + r.err()).contains("bot:"), r.out());
            }
            String basic = "Basic " + Base64.getEncoder().encodeToString("bot:hunter2-pass".getBytes());
            assertTrue(repo.authorizations().stream().allMatch(basic::equals), "basic auth to its own origin");
        }
    }
}
