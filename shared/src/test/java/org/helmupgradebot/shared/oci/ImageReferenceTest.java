package org.helmupgradebot.shared.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void dockerHubShortNameKeepsItsTextAndGetsTheHubAsRegistry() {
        ImageReference r = ImageReference.parse("jupyter/repo2docker:0.11.0-195.g2f1914d");
        assertEquals(new ImageReference("jupyter/repo2docker", "docker.io", "jupyter/repo2docker",
                Optional.of("0.11.0-195.g2f1914d"), Optional.empty()), r);
    }

    @Test
    void officialImagesLiveUnderLibrary() {
        ImageReference r = ImageReference.parse("ubuntu:24.04");
        assertEquals("ubuntu", r.name());
        assertEquals("library/ubuntu", r.repository());
        assertEquals("docker.io", r.host());
    }

    @Test
    void hostsAreRecognisedByDotColonOrLocalhost() {
        assertEquals("quay.io", ImageReference.parse("quay.io/jupyterhub/repo2docker:2026.4.1.dev44-g97bb4e45a").host());
        assertEquals("jupyterhub/repo2docker", ImageReference.parse("quay.io/jupyterhub/repo2docker:1").repository());
        ImageReference withPort = ImageReference.parse("localhost:5000/team/app:1.2");
        assertEquals("localhost:5000", withPort.host());
        assertEquals("team/app", withPort.repository());
        assertEquals(Optional.of("1.2"), withPort.tag());
        assertEquals("localhost", ImageReference.parse("localhost/app").host());
        assertEquals("docker.io", ImageReference.parse("index.docker.io/jupyter/base:1").host());
        assertEquals("index.docker.io/jupyter/base", ImageReference.parse("index.docker.io/jupyter/base:1").name());
    }

    @Test
    void aPortIsNotATag() {
        ImageReference r = ImageReference.parse("myacr.azurecr.io:443/app");
        assertEquals("myacr.azurecr.io:443", r.host());
        assertTrue(r.tag().isEmpty());
    }

    @Test
    void digestIsSeparated() {
        String digest = "sha256:" + "a".repeat(64);
        ImageReference r = ImageReference.parse("ghcr.io/o/i:1.0@" + digest);
        assertEquals(Optional.of("1.0"), r.tag());
        assertEquals(Optional.of(digest), r.digest());
        assertEquals("ghcr.io/o/i", r.name());
    }

    @Test
    void badReferencesAreRefusedWithTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("not an image"));
        assertTrue(e.getMessage().contains("'not an image'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("repo:bad tag"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("repo:"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("Repo/Upper:1"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("a//b:1"));
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("a/b@sha256:short"));
    }

    @Test
    void tagGrammar() {
        assertTrue(ImageReference.isValidTag("2026.4.1.dev44-g97bb4e45a"));
        assertTrue(ImageReference.isValidTag("_x"));
        assertFalse(ImageReference.isValidTag(".x"));
        assertFalse(ImageReference.isValidTag("-x"));
        assertFalse(ImageReference.isValidTag("a".repeat(129)));
        assertFalse(ImageReference.isValidTag("1.0: x"));
    }
}
