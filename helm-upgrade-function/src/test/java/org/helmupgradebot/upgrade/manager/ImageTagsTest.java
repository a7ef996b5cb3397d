package org.helmupgradebot.upgrade.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageTagsTest {

    private static final List<String> BUILD_IMAGES = List.of(
            "binderhub.config.BinderHub.build_image", "binderhub.config.KubernetesBuildExecutor.build_image");

    private static void assertSpansHoldVersions(String text, List<Pin> pins) {
        for (Pin p : pins) {
            assertEquals(p.version(), text.substring(p.start(), p.end()), p.location());
        }
    }

    @Test
    void readsPlainAndQuotedReferencesAfterBomAndEmoji() {
        String text = "\uFEFF# \uD83E\uDD0D donate \uD83C\uDF89\nbinderhub:\n  config:\n    BinderHub:\n"
                + "      build_image: \"jupyter/repo2docker:0.11.0-195.g2f1914d\" # pinned\n"
                + "    KubernetesBuildExecutor:\n      build_image: 'quay.io/jupyterhub/repo2docker:2026.4.1.dev44-g97bb4e45a'\n";
        List<Pin> pins = ImageTags.extract("values.yaml", text, BUILD_IMAGES);
        assertEquals(2, pins.size());
        assertSpansHoldVersions(text, pins);
        assertEquals(text.indexOf("0.11.0-195"), pins.get(0).start());
        assertEquals("jupyter/repo2docker", pins.get(0).name());
        assertEquals("docker.io", pins.get(0).repository());
        assertEquals("quay.io/jupyterhub/repo2docker", pins.get(1).name());
        assertEquals("quay.io", pins.get(1).repository());
        assertEquals('\'', text.charAt(pins.get(1).end()));
    }

    @Test
    void nameAndTagMappingPointsAtTheTag() {
        String text = "jupyterhub:\n  hub:\n    image:\n      tag: \"4.1.0\"  # comment\n      name: ghcr.io/org/hub\n";
        List<Pin> pins = ImageTags.extract("values.yaml", text, List.of("jupyterhub.hub.image"));
        assertEquals(1, pins.size());
        Pin p = pins.get(0);
        assertEquals("jupyterhub.hub.image.tag", p.location());
        assertEquals("ghcr.io/org/hub", p.name());
        assertEquals("ghcr.io", p.repository());
        assertEquals(text.indexOf("4.1.0"), p.start());
        assertTrue(p.checkable());
    }

    @Test
    void registryAndRepositoryKeysAreJoined() {
        String text = "x:\n  image:\n    registry: registry.k8s.io\n    repository: pause\n    tag: \"3.10\"\n";
        Pin p = ImageTags.extract("values.yaml", text, List.of("x.image")).get(0);
        assertEquals("registry.k8s.io/pause", p.name());
        assertEquals("registry.k8s.io", p.repository());
        assertEquals("3.10", p.version());
    }

    @Test
    void aPathThatMatchesNothingIsASkippedPinWithTheReason() {
        String text = "binderhub:\n  config:\n    BinderHub:\n      use_registry: true\n";
        for (String t : List.of(text, "", "binderhub: 3\n")) {
            List<Pin> pins = ImageTags.extract("values.yaml", t, BUILD_IMAGES);
            assertEquals(BUILD_IMAGES, pins.stream().map(Pin::location).toList(), t);
            assertTrue(pins.stream().noneMatch(Pin::checkable));
            assertEquals("path binderhub.config.BinderHub.build_image is not in the file",
                    pins.get(0).skipReason().orElseThrow());
            assertEquals("", pins.get(0).version());
        }
    }

    @Test
    void emptyValuesAreSkippedPinsWithTheReason() {
        String text = "a:\n  image:\n    name:\n    tag:\nb:\n  build_image:\nc:\n  image:\n    tag: \"\"\n";
        List<Pin> pins = ImageTags.extract("values.yaml", text, List.of("a.image", "b.build_image", "c.image"));
        assertEquals(List.of("the image mapping at a.image has no tag", "the value at b.build_image is empty",
                        "the image mapping at c.image has an empty tag"),
                pins.stream().map(p -> p.skipReason().orElseThrow()).toList());
    }

    @Test
    void digestUntaggedAndTemplatedReferencesAreSkippedWithReasons() {
        String digest = "sha256:" + "0123456789abcdef".repeat(4);
        String text = "a: quay.io/o/i:1.0@" + digest + "\nb: quay.io/o/j\nc: \"{{ .Values.image }}\"\n";
        List<Pin> pins = ImageTags.extract("values.yaml", text, List.of("a", "b", "c"));
        assertEquals(3, pins.size());
        assertEquals(digest, pins.get(0).version());
        assertEquals("pinned by digest", pins.get(0).skipReason().orElseThrow());
        assertEquals("", pins.get(1).version());
        assertTrue(pins.get(1).skipReason().orElseThrow().contains("no tag"));
        assertTrue(pins.get(2).skipReason().orElseThrow().contains("templated"));
        assertSpansHoldVersions(text, pins);
    }

    @Test
    void keysWithDotsAreFound() {
        String text = "nodeSelector:\n  hub.jupyter.org/node-purpose:\n    image: busybox:1.36\n";
        Pin p = ImageTags.extract("values.yaml", text, List.of("nodeSelector.hub.jupyter.org/node-purpose.image")).get(0);
        assertEquals("1.36", p.version());
        assertEquals("busybox", p.name());
    }

    @Test
    void aListAtAnImagePathIsAnError() {
        String text = "a:\n  image:\n    - x:1\n";
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ImageTags.extract("values.yaml", text, List.of("a.image")));
        assertEquals("values.yaml:3:5: a.image should be an image reference or a mapping with name and tag, found a list",
                e.getMessage());
    }

    @Test
    void aValueThatIsNoImageIsAnError() {
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ImageTags.extract("values.yaml", "a:\n  image: \"hello world\"\n", List.of("a.image")));
        assertTrue(e.getMessage().startsWith("values.yaml:2:10: a.image: not an image reference"), e.getMessage());
    }

    @Test
    void aDuplicateKeyOnThePathIsAnError() {
        String text = "a:\n  image: x:1\na:\n  image: x:2\n";
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ImageTags.extract("values.yaml", text, List.of("a.image")));
        assertEquals("values.yaml:3:1: duplicate key 'a'", e.getMessage());
    }

    @Test
    void aTagOnlyMappingIsReportedButNotCheckable() {
        String text = "dind:\n  image:\n    tag: 27.5.1-dind\n";
        Pin p = ImageTags.extract("values.yaml", text, List.of("dind.image")).get(0);
        assertFalse(p.checkable());
        assertEquals("27.5.1-dind", p.version());
    }

    @Test
    void malformedYamlIsAOneLineError() {
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ImageTags.extract("values.yaml", "a: [1, 2\nb: 3\n", List.of("a")));
        assertTrue(e.getMessage().matches("values\\.yaml:\\d+:\\d+: invalid YAML: [^\\n]+"), e.getMessage());
    }

    @Test
    void theExtractorRunsTheSamePaths() {
        String text = "a:\n  image: x/y:1.0\nb:\n  image: x/z:2.0\n";
        assertEquals(ImageTags.extract("v.yaml", text, List.of("b.image")), ImageTags.extractor(List.of("b.image")).extract("v.yaml", text));
    }
}
