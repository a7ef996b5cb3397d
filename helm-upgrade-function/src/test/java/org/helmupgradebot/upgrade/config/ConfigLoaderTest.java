package org.helmupgradebot.upgrade.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.helmupgradebot.upgrade.wiring.UpgradeJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(UpgradeJobs.RANGE_CHECK);

    @Test
    void readsTargetsRulesAndMirrors() throws Exception {
        Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(dir.resolve("local-mirror/dask"));
        BotConfig c = loader.parse("""
                targets:
                  - name: prod
                    dir: repo
                    charts: [mybinder/Chart.yaml]
                    images:
                      - file: mybinder/values.yaml
                        paths: [binderhub.config.BinderHub.build_image]
                    dependencies:
                      jupyterhub: {prerelease: stable, allowed: "<4.0.0"}
                      traefik: {ignore: true}
                    labels: [dependencies]
                    reviewers: [octocat]
                  - name: remote
                    repo: jupyterhub/mybinder.org-deploy
                    branch: main
                    charts: [mybinder/Chart.yaml]
                    fork: true
                mirrors:
                  https://jupyterhub.github.io/helm-chart/: http://127.0.0.1:8080/jh/
                  quay.io: http://127.0.0.1:5000
                  https://helm.dask.org/: local-mirror/dask
                """, "bot.yaml", dir);
        assertEquals(2, c.targets().size());
        Target prod = c.targets().get(0);
        assertEquals(Optional.of(dir.resolve("repo")), prod.dir());
        assertEquals(List.of("binderhub.config.BinderHub.build_image"), prod.imageFiles().get(0).paths());
        assertEquals(new DependencyRule("stable", Optional.of("<4.0.0"), false), prod.ruleFor("jupyterhub"));
        assertTrue(prod.ruleFor("traefik").ignore());
        assertEquals(DependencyRule.DEFAULT, prod.ruleFor("binderhub"));
        Target remote = c.targets().get(1);
        assertEquals(Optional.of("jupyterhub/mybinder.org-deploy"), remote.repo());
        assertTrue(remote.fork());
        assertEquals("http://127.0.0.1:5000", c.mirrors().get("quay.io"));
        assertEquals(dir.resolve("local-mirror/dask").toUri().toString(), c.mirrors().get("https://helm.dask.org/"));
    }

    @Test
    void reportsEveryProblemWithItsLocation() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                targets:
                  - name: a b
                    dir: does-not-exist
                    repo: not a repo
                    charts: [x/Chart.yaml]
                    dependencies:
                      jupyterhub: {prerelease: nightly, allowed: "<<3"}
                    colour: blue
                  - name: second
                """, "bot.yaml", dir));
        List<String> p = e.problems();
        assertTrue(p.stream().anyMatch(s -> s.startsWith("bot.yaml:2:") && s.contains("targets[0].name")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.contains("targets[0]: give exactly one of 'dir'")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("bot.yaml:4:") && s.contains("'not a repo' is not owner/name")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("bot.yaml:7:") && s.contains("'nightly' is not auto")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("bot.yaml:7:") && s.contains("allowed")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("bot.yaml:8:") && s.contains("targets[0].colour: unknown key")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.contains("targets[1]: give exactly one of")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.contains("targets[1]: list files")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("bot.yaml:3:") && s.contains("does-not-exist not found")), p::toString);
        assertEquals(9, p.size(), p::toString);
        assertTrue(p.get(0).startsWith("bot.yaml:2:") && p.get(8).startsWith("bot.yaml:9:"), "sorted by position: " + p);
    }

    @Test
    void malformedYamlIsOneLocatedLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.parse("targets:\n  - name: [unclosed\n", "bot.yaml", dir));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).matches("bot\\.yaml:\\d+:\\d+: malformed YAML: .*"), e.problems()::toString);
    }

    @Test
    void aliasBombIsRefused() {
        StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            y.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev)
                    .append(", *").append(prev).append(", *").append(prev).append("]\n");
        }
        y.append("targets: [*k]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(y.toString(), "bomb.yaml", dir));
        assertTrue(e.getMessage().startsWith("bomb.yaml"), e.getMessage());
    }

    @Test
    void missingFileIsOneLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("nope.yaml")));
        assertEquals(List.of(dir.resolve("nope.yaml") + ": config file not found"), e.problems());
    }

    @Test
    void imagesWithoutPathsAreFoundMinusExclude() throws Exception {
        Files.createDirectories(dir.resolve("repo"));
        BotConfig c = loader.parse("""
                targets:
                  - name: prod
                    dir: repo
                    images:
                      - file: values.yaml
                        exclude: [docker.io/library/busybox, hub.image]
                      - file: other.yaml
                        paths: [a.image]
                """, "bot.yaml", dir);
        Target.ImageFile found = c.targets().get(0).imageFiles().get(0);
        assertTrue(found.discover());
        assertEquals(List.of("docker.io/library/busybox", "hub.image"), found.exclude());
        Target.ImageFile given = c.targets().get(0).imageFiles().get(1);
        assertEquals(List.of("a.image"), given.paths());
        assertTrue(!given.discover());
    }

    @Test
    void excludeWithPathsAndEmptyPathsAreProblems() throws Exception {
        Files.createDirectories(dir.resolve("repo"));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                targets:
                  - name: prod
                    dir: repo
                    images:
                      - file: values.yaml
                        paths: []
                      - file: other.yaml
                        paths: [a.image]
                        exclude: [b]
                """, "bot.yaml", dir));
        assertEquals(List.of(
                "bot.yaml:6:16: targets[0].images[0].paths: list at least one dotted YAML path, or leave 'paths' out to find every image",
                "bot.yaml:9:18: targets[0].images[1].exclude: applies only to a file listed without 'paths'"),
                e.problems());
    }

    @Test
    void majorAndMinimumReleaseAgePerDependency() throws Exception {
        Files.createDirectories(dir.resolve("repo"));
        BotConfig c = loader.parse("""
                targets:
                  - name: prod
                    dir: repo
                    charts: [Chart.yaml]
                    dependencies:
                      jupyterhub: {major: separate, minimumReleaseAge: 3d}
                      binderhub: {major: ignore, minimumReleaseAge: 12h}
                      dask: {minimumReleaseAge: 30m}
                      traefik: {minimumReleaseAge: 2w}
                """, "bot.yaml", dir);
        Target t = c.targets().get(0);
        assertEquals(DependencyRule.Major.SEPARATE, t.ruleFor("jupyterhub").major());
        assertEquals(Optional.of(java.time.Duration.ofDays(3)), t.ruleFor("jupyterhub").minimumReleaseAge());
        assertEquals(DependencyRule.Major.IGNORE, t.ruleFor("binderhub").major());
        assertEquals(Optional.of(java.time.Duration.ofHours(12)), t.ruleFor("binderhub").minimumReleaseAge());
        assertEquals(Optional.of(java.time.Duration.ofMinutes(30)), t.ruleFor("dask").minimumReleaseAge());
        assertEquals(Optional.of(java.time.Duration.ofDays(14)), t.ruleFor("traefik").minimumReleaseAge());
        assertEquals(DependencyRule.Major.TOGETHER, t.ruleFor("dask").major(), "together is the default");
        assertEquals(DependencyRule.Major.TOGETHER, t.ruleFor("anything").major());

        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                targets:
                  - name: prod
                    dir: repo
                    charts: [Chart.yaml]
                    dependencies:
                      jupyterhub: {major: sometimes, minimumReleaseAge: 3 days}
                """, "bot.yaml", dir));
        assertEquals(List.of(
                "bot.yaml:6:27: targets[0].dependencies.jupyterhub.major: 'sometimes' is not together, separate or ignore",
                "bot.yaml:6:57: targets[0].dependencies.jupyterhub.minimumReleaseAge: '3 days' is not a duration such as 3d, 12h, 30m or 2w"),
                e.problems());
    }

    /** Duplicate keys used to be read as "the last one wins"; now each is a located problem. */
    @Test
    void duplicateKeysAreProblemsWithLineAndColumn() throws Exception {
        Files.createDirectories(dir.resolve("repo"));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                targets:
                  - name: prod
                    dir: repo
                    charts: [a/Chart.yaml]
                    charts: [b/Chart.yaml]
                    dependencies:
                      jupyterhub: {prerelease: stable}
                      jupyterhub: {prerelease: devel, prerelease: stable}
                mirrors:
                  quay.io: http://127.0.0.1:5000
                  quay.io: http://127.0.0.1:5001
                targets: []
                """, "bot.yaml", dir));
        assertEquals(List.of(
                "bot.yaml:5:5: targets[0].charts: duplicate key (first at line 4)",
                "bot.yaml:8:7: targets[0].dependencies.jupyterhub: duplicate key (first at line 7)",
                "bot.yaml:8:39: targets[0].dependencies.jupyterhub.prerelease: duplicate key (first at line 8)",
                "bot.yaml:11:3: mirrors.quay.io: duplicate key (first at line 10)",
                "bot.yaml:12:1: targets: duplicate key (first at line 1)"),
                e.problems().stream().filter(p -> p.contains("duplicate")).toList());
    }

    /** A mirror that is neither a URL nor a folder used to end in a ClassCastException stack trace. */
    @Test
    void mirrorThatIsNeitherAnHttpUrlNorAFolderIsAProblem() throws Exception {
        Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(dir.resolve("mirror"));
        Files.writeString(dir.resolve("a-file"), "x");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                targets:
                  - name: prod
                    dir: repo
                    charts: [Chart.yaml]
                mirrors:
                  https://ok.example/: mirror
                  https://ok2.example/: http://127.0.0.1:8080/x/
                  quay.io: ftp://mirror.example/
                  ghcr.io: 127.0.0.1:5000
                  https://a.example/: a-file
                  https://b.example/: "http://"
                """, "bot.yaml", dir));
        List<String> p = e.problems();
        assertEquals(4, p.size(), p::toString);
        assertTrue(p.get(0).startsWith("bot.yaml:8:12: mirrors.quay.io: 'ftp://mirror.example/' is neither an http(s) URL nor a folder"), p::toString);
        assertTrue(p.get(1).startsWith("bot.yaml:9:12: mirrors.ghcr.io: '127.0.0.1:5000' is neither an http(s) URL nor an existing folder"), p::toString);
        assertTrue(p.get(2).startsWith("bot.yaml:10:23: mirrors.https://a.example/: 'a-file' is neither"), p::toString);
        assertTrue(p.get(3).startsWith("bot.yaml:11:23: mirrors.https://b.example/: 'http://'"), p::toString);
    }

    @Test
    void aSourceIsOwnerNameAndADashboardNeedsARepo() {
        BotConfig c = loader.parse("""
                targets:
                  - name: mybinder
                    repo: jupyterhub/mybinder.org-deploy
                    charts: [mybinder/Chart.yaml]
                    dashboard: true
                    dependencies:
                      binderhub: {source: jupyterhub/binderhub}
                      quay.io/jupyterhub/repo2docker: {source: jupyterhub/repo2docker}
                """, "bot.yaml", dir);
        Target t = c.targets().get(0);
        assertTrue(t.dashboard());
        assertEquals(Optional.of("jupyterhub/binderhub"), t.ruleFor("binderhub").source());
        assertEquals(Optional.of("jupyterhub/repo2docker"), t.ruleFor("quay.io/jupyterhub/repo2docker").source());
        assertEquals(Optional.empty(), t.ruleFor("jupyterhub").source());

        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                targets:
                  - name: local
                    dir: .
                    charts: [Chart.yaml]
                    dashboard: true
                    dependencies:
                      binderhub: {source: "https://github.com/jupyterhub/binderhub"}
                      other: {source: ""}
                """, "bot.yaml", dir));
        assertEquals(List.of(
                "bot.yaml:5:16: targets[0].dashboard: needs 'repo': a dashboard is a GitHub issue",
                "bot.yaml:7:27: targets[0].dependencies.binderhub.source: 'https://github.com/jupyterhub/binderhub'"
                        + " is not owner/name (the GitHub repository it is built from)",
                "bot.yaml:8:23: targets[0].dependencies.other.source: must be a non-empty string"), e.problems());
    }
}
