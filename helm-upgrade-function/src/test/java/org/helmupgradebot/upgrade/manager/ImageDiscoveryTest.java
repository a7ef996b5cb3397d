package org.helmupgradebot.upgrade.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.helmupgradebot.upgrade.edit.EditException;
import org.helmupgradebot.upgrade.edit.EditVerifier;
import org.helmupgradebot.upgrade.edit.Replacement;
import org.helmupgradebot.upgrade.edit.VersionEditor;
import org.junit.jupiter.api.Test;

/** Images found in a values file listed without paths, on small files of our own. */
class ImageDiscoveryTest {

    private static final String VALUES = """
            # a values file written for this test
            hub:
              image:
                name: quay.io/jupyterhub/k8s-hub
                tag: "3.3.7"   # keep me
              extraEnv:
                SIDECAR: ghcr.io/example/sidecar:v1.2.0
                DOCS_URL: https://example.org:8443/docs
                NOTE: "see docker.io/library/busybox for details"
            proxy:
              chp:
                image:
                  registry: registry.k8s.io
                  repository: ingress-nginx/controller
                  tag: v1.10.0
                  pullPolicy: IfNotPresent
            singleuser:
              image:
                pullPolicy: Always
            binderhub:
              config:
                KubernetesBuildExecutor:
                  build_image: 'jupyter/repo2docker:0.11.0-195.g2f1914d'
            prePuller:
              extraImages:
                - localhost:5000/tools/curl:8.7.1
                - just text
            pinned:
              image: quay.io/o/i@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            templated:
              image: "{{ .Values.registry }}/x:1.0"
            nameless:
              image:
                tag: 1.0.0
            """;

    @Test
    void findsEveryImageMappingAndRegistryReference() {
        List<Pin> pins = ImageTags.discover("values.yaml", VALUES, List.of());
        assertEquals(List.of(
                "hub.image.tag", "hub.extraEnv.SIDECAR", "proxy.chp.image.tag",
                "binderhub.config.KubernetesBuildExecutor.build_image", "prePuller.extraImages[0]",
                "pinned.image", "templated.image", "nameless.image.tag"),
                pins.stream().map(Pin::location).toList());
        assertEquals(List.of("quay.io/jupyterhub/k8s-hub", "ghcr.io/example/sidecar", "registry.k8s.io/ingress-nginx/controller",
                "jupyter/repo2docker", "localhost:5000/tools/curl"),
                pins.stream().filter(Pin::checkable).map(Pin::name).toList());
        assertEquals(List.of("3.3.7", "v1.2.0", "v1.10.0", "0.11.0-195.g2f1914d", "8.7.1"),
                pins.stream().filter(Pin::checkable).map(Pin::version).toList());
        for (Pin p : pins) {
            assertEquals(p.version(), VALUES.substring(p.start(), p.end()), p.location());
        }
        assertEquals("pinned by digest", pins.get(5).skipReason().orElseThrow());
        assertTrue(pins.get(6).skipReason().orElseThrow().contains("templated"));
        assertEquals("the image mapping has no name", pins.get(7).skipReason().orElseThrow());
    }

    @Test
    void excludeDropsByImageNameOrLocation() {
        List<Pin> pins = ImageTags.discover("values.yaml", VALUES,
                List.of("ghcr.io/example/sidecar", "proxy.chp.image", "prePuller.extraImages[0]", "pinned.image",
                        "templated.image", "nameless.image.tag"));
        assertEquals(List.of("hub.image.tag", "binderhub.config.KubernetesBuildExecutor.build_image"),
                pins.stream().map(Pin::location).toList());
    }

    @Test
    void anImageReachedTwiceThroughAnAliasIsOnePin() {
        String text = "a:\n  image: &img\n    repository: quay.io/o/i\n    tag: 1.0.0\nb:\n  image: *img\n"
                + "c: &ref quay.io/o/j:2.0.0\nd: *ref\n";
        List<Pin> pins = ImageTags.discover("values.yaml", text, List.of());
        assertEquals(List.of("a.image.tag", "c"), pins.stream().map(Pin::location).toList());
    }

    @Test
    void aDuplicateImageKeyIsRefused() {
        String text = "a:\n  image: quay.io/o/i:1.0.0\n  image: quay.io/o/i:2.0.0\n";
        assertThrows(ExtractionException.class, () -> ImageTags.discover("values.yaml", text, List.of()));
    }

    @Test
    void aFileWithoutImagesGivesNoPins() {
        assertEquals(List.of(), ImageTags.discover("values.yaml", "", List.of()));
        assertEquals(List.of(), ImageTags.discover("values.yaml", "a:\n  b: [1, 2]\n  url: https://x.org:8080/y\n", List.of()));
    }

    /** Found pins are edited byte-exactly, and the verifier (running discovery again) accepts exactly that edit. */
    @Test
    void discoveredPinsEditByteExactlyAndVerify() {
        List<Pin> pins = ImageTags.discover("values.yaml", VALUES, List.of());
        Pin hub = pins.get(0);
        Pin sidecar = pins.get(1);
        Pin nginx = pins.get(2);
        List<Replacement> plan = List.of(new Replacement(hub, "4.0.0"), new Replacement(sidecar, "v1.3.0"),
                new Replacement(nginx, "v1.11.2"));
        String after = VersionEditor.apply(VALUES, plan);
        EditVerifier.verify(VALUES, after, plan, ImageTags.discovering(List.of()));
        assertEquals(VALUES.replace("tag: \"3.3.7\"   # keep me", "tag: \"4.0.0\"   # keep me")
                .replace("sidecar:v1.2.0", "sidecar:v1.3.0").replace("tag: v1.10.0", "tag: v1.11.2"), after);

        // An edit that turns a non-image text into an image is caught: the pins found after differ.
        String sneaky = after.replace("just text", "quay.io/x/y:1.0");
        assertThrows(EditException.class, () -> EditVerifier.verify(VALUES, sneaky, plan, ImageTags.discovering(List.of())));
        assertFalse(after.equals(VALUES));
    }
}
