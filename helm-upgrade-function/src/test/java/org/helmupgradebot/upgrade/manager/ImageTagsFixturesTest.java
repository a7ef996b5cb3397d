package org.helmupgradebot.upgrade.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.helmupgradebot.shared.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Image extraction on every real values and config file in the fixtures, checked against a line scan that
 * works out each {@code image:} / {@code build_image:} key's dotted path from indentation alone.
 */
class ImageTagsFixturesTest {

    /** What the line scan expects one pin to be; line is 0-based, of the version text. */
    record Scanned(String location, String name, String version, int line) {}

    private static final Pattern IMAGE_KEY = Pattern.compile("^( *)(image|build_image):(.*)$");
    private static final Pattern KEY = Pattern.compile("^( *)(- )?([^\\s:#][^:]*):(?: .*)?$");
    private static final Pattern CHILD = Pattern.compile("^( *)(name|tag): *\"?([^\"#\\s]*)\"?\\s*(#.*)?$");

    private static String strip(String value) {
        String v = value.replaceAll("\\s+#.*$", "").trim();
        return v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean skippable(String line) {
        return line.isBlank() || line.trim().startsWith("#");
    }

    /** The dotted path of the key on line i, or null when it sits inside a list item. */
    static String pathOf(String[] lines, int i) {
        List<String> keys = new ArrayList<>();
        Matcher own = KEY.matcher(lines[i]);
        assertTrue(own.matches(), lines[i]);
        keys.add(0, own.group(3));
        int level = indent(lines[i]);
        for (int j = i - 1; j >= 0 && level > 0; j--) {
            if (skippable(lines[j]) || indent(lines[j]) >= level) {
                continue;
            }
            Matcher m = KEY.matcher(lines[j]);
            if (!m.matches() || m.group(2) != null || lines[j].trim().startsWith("- ")) {
                return null; // a list item (or something a line scan cannot follow)
            }
            keys.add(0, m.group(3));
            level = indent(lines[j]);
        }
        return String.join(".", keys);
    }

    static List<Scanned> scan(String text) {
        String[] lines = text.split("\n", -1);
        List<Scanned> found = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = IMAGE_KEY.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            String path = pathOf(lines, i);
            if (path == null) {
                continue;
            }
            String value = strip(m.group(3));
            if (!value.isEmpty()) {
                int colon = value.lastIndexOf(':');
                found.add(new Scanned(path, value.substring(0, colon), value.substring(colon + 1), i));
                continue;
            }
            String name = null;
            String tag = null;
            int tagLine = -1;
            int own = m.group(1).length();
            for (int j = i + 1; j < lines.length && (skippable(lines[j]) || indent(lines[j]) > own); j++) {
                Matcher c = CHILD.matcher(lines[j]);
                if (c.matches()) {
                    if (c.group(2).equals("name")) {
                        name = c.group(3);
                    } else {
                        tag = c.group(3);
                        tagLine = j;
                    }
                }
            }
            if (tag != null && !tag.isEmpty()) {
                found.add(new Scanned(path + ".tag", name == null || name.isEmpty() ? path : name, tag, tagLine));
            }
        }
        return found;
    }

    static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    private static int lineOf(String text, int index) {
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count();
    }

    /** Paths a deployment would configure, plus the scanned ones; absent ones must give nothing. */
    private static List<String> paths(List<Scanned> scanned) {
        return Stream.concat(
                Stream.of("binderhub.config.BinderHub.build_image",
                        "binderhub.config.KubernetesBuildExecutor.build_image",
                        "binderhub-service.config.KubernetesBuildExecutor.build_image",
                        "jupyterhub.singleuser.image", "jupyterhub.hub.image"),
                scanned.stream().map(s -> s.location().replaceAll("\\.tag$", "")))
                .distinct().toList();
    }

    static Stream<String> files() {
        return Stream.of(
            "config-repos/mybinder.org-deploy/HEAD/mybinder/values.yaml",
            "config-repos/mybinder.org-deploy/HEAD/config/bids-ovh.yaml",
            "config-repos/mybinder.org-deploy/HEAD/config/cert-manager.yaml",
            "config-repos/mybinder.org-deploy/HEAD/config/hetzner-2i2c.yaml",
            "config-repos/mybinder.org-deploy/HEAD/config/hetzner-gesis.yaml",
            "config-repos/mybinder.org-deploy/HEAD/config/localhost.yaml",
            "config-repos/mybinder.org-deploy/HEAD/config/prod.yaml",
            "config-repos/mybinder.org-deploy/HEAD/config/staging.yaml",
            "config-repos/mybinder.org-deploy/HEAD/config/test-secrets.yaml",
            "config-repos/mybinder.org-deploy/2021-01-09_c7709e92/mybinder/values.yaml",
            "config-repos/mybinder.org-deploy/2021-01-09_c7709e92/config/ovh.yaml",
            "config-repos/mybinder.org-deploy/2021-01-09_c7709e92/config/prod.yaml",
            "config-repos/mybinder.org-deploy/2021-01-09_c7709e92/config/staging.yaml",
            "config-repos/mybinder.org-deploy/2021-01-09_c7709e92/config/test-secrets.yaml",
            "config-repos/mybinder.org-deploy/2021-01-09_c7709e92/config/turing.yaml",
            "config-repos/2i2c-infrastructure/HEAD/helm-charts/basehub/values.yaml",
            "config-repos/2i2c-infrastructure/HEAD/helm-charts/chartpress.yaml",
            "config-repos/2i2c-infrastructure/bump-7720a64d/after/helm-charts/binderhub/values.yaml");
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyImageAtAConfiguredPathIsFoundAndNoneInvented(String relative) throws IOException {
        String text = read(Fixtures.path(relative));
        List<Scanned> expected = scan(text);
        List<String> configured = paths(expected);
        List<Pin> all = ImageTags.extract(relative, text, configured);
        List<Pin> pins = all.stream().filter(p -> !notInFile(p)).toList();
        assertEquals(expected, pins.stream()
                .map(p -> new Scanned(p.location(), p.name(), p.version(), lineOf(text, p.start()))).toList());
        // Every configured path without an image is reported as a skipped pin, not dropped.
        List<String> found = expected.stream().map(s -> s.location().replaceAll("\\.tag$", "")).toList();
        assertEquals(configured.stream().filter(p -> !found.contains(p)).sorted().toList(),
                all.stream().filter(ImageTagsFixturesTest::notInFile).map(Pin::location).sorted().toList());
        for (Pin p : pins) {
            assertEquals(p.version(), text.substring(p.start(), p.end()), p.location());
            assertEquals(Pin.Kind.IMAGE, p.kind());
        }
    }

    /**
     * Conformance of discovery (no paths): on every real file it finds at least what the line scan finds, each
     * pin's span holds its version, and every other pin it finds is a {@code registry/name:tag} text or sits
     * under a key ending in {@code image}.
     */
    @ParameterizedTest
    @MethodSource("files")
    void discoveryFindsEveryScannedImageWithExactSpans(String relative) throws IOException {
        String text = read(Fixtures.path(relative));
        List<Scanned> expected = scan(text);
        List<Pin> pins = ImageTags.discover(relative, text, List.of());
        List<Scanned> found = pins.stream()
                .map(p -> new Scanned(p.location(), p.name(), p.version(), lineOf(text, p.start()))).toList();
        for (Scanned s : expected) {
            assertTrue(found.contains(s), s + " not discovered in " + relative + ": " + found);
        }
        for (Pin p : pins) {
            assertEquals(p.version(), text.substring(p.start(), p.end()), p.location());
            String key = p.location().replaceAll("\\.tag$", "").replaceAll("\\[\\d+]$", "");
            key = key.substring(key.lastIndexOf('.') + 1);
            assertTrue(key.toLowerCase(java.util.Locale.ROOT).endsWith("image") || p.name().contains(".")
                    || p.location().endsWith("]"), p.toString());
        }
    }

    private static boolean notInFile(Pin p) {
        return p.skipReason().filter(r -> r.endsWith("is not in the file")).isPresent();
    }

    @Test
    void mybinderHeadBuildImageAfterEmojiHasAnExactSpan() throws IOException {
        String relative = "config-repos/mybinder.org-deploy/HEAD/mybinder/values.yaml";
        String text = read(Fixtures.path(relative));
        assertTrue(text.codePoints().anyMatch(Character::isSupplementaryCodePoint), "the file has emoji before the pin");
        List<Pin> pins = ImageTags.extract(relative, text, List.of(
                "binderhub.config.BinderHub.build_image", "binderhub.config.KubernetesBuildExecutor.build_image",
                "binderhub.dind.daemonset.image"));
        assertEquals(3, pins.size());
        assertEquals("path binderhub.config.BinderHub.build_image is not in the file",
                pins.get(0).skipReason().orElseThrow(), "a configured path without an image is reported");
        pins = pins.subList(1, 3);
        Pin r2d = pins.get(0);
        assertEquals("binderhub.config.KubernetesBuildExecutor.build_image", r2d.location());
        assertEquals("quay.io/jupyterhub/repo2docker", r2d.name());
        assertEquals("quay.io", r2d.repository());
        assertEquals("2026.4.1.dev44-g97bb4e45a", r2d.version());
        assertEquals(text.indexOf("2026.4.1.dev44-g97bb4e45a"), r2d.start());
        assertTrue(r2d.checkable());
        Pin dind = pins.get(1);
        assertEquals("binderhub.dind.daemonset.image.tag", dind.location());
        assertEquals("27.5.1-dind", dind.version());
        assertFalse(dind.checkable(), "a tag without an image name cannot be looked up");
    }

    @Test
    void mybinder2021BuildImageIsADockerHubShortName() throws IOException {
        String relative = "config-repos/mybinder.org-deploy/2021-01-09_c7709e92/mybinder/values.yaml";
        String text = read(Fixtures.path(relative));
        List<Pin> pins = ImageTags.extract(relative, text, List.of(
                "binderhub.config.BinderHub.build_image", "binderhub.config.KubernetesBuildExecutor.build_image",
                "analyticsPublisher.image"));
        assertEquals(3, pins.size(), "an absent path and an empty name/tag are skipped pins");
        assertEquals(List.of("binderhub.config.KubernetesBuildExecutor.build_image", "analyticsPublisher.image"),
                pins.stream().filter(p -> !p.checkable()).map(Pin::location).toList());
        Pin r2d = pins.stream().filter(Pin::checkable).findFirst().orElseThrow();
        assertEquals("jupyter/repo2docker", r2d.name());
        assertEquals("docker.io", r2d.repository());
        assertEquals("0.11.0-195.g2f1914d", r2d.version());
    }

    @Test
    void basehubNameAndTagPairs() throws IOException {
        String relative = "config-repos/2i2c-infrastructure/HEAD/helm-charts/basehub/values.yaml";
        String text = read(Fixtures.path(relative));
        List<Pin> pins = ImageTags.extract(relative, text, List.of(
                "binderhub-service.config.KubernetesBuildExecutor.build_image",
                "jupyterhub.singleuser.image", "jupyterhub.hub.image"));
        assertEquals(List.of("2025.12.1.dev94-gd3893dba2", "2024-03-18", "0.0.1-0.dev.git.16609.hb23fbd448"),
                pins.stream().map(Pin::version).toList());
        assertEquals(List.of("quay.io/jupyterhub/repo2docker", "quay.io/jupyter/scipy-notebook", "quay.io/2i2c/pilot-hub"),
                pins.stream().map(Pin::name).toList());
        assertTrue(pins.stream().allMatch(p -> p.repository().equals("quay.io") && p.checkable()));
        assertEquals('"', text.charAt(pins.get(2).end()), "the quoted tag's span stops inside the quotes");
    }
}
