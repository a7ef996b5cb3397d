package org.helmupgradebot.shared.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.helmupgradebot.shared.http.LinkHeader;
import org.junit.jupiter.api.Test;

/** Link headers, challenges, image references and host mapping. */
class OciParsingTest {

    @Test
    void linkHeaderNextIsFound() {
        assertEquals(Optional.of("/v2/_catalog?last=b&n=2"),
                LinkHeader.next(List.of("</v2/_catalog?last=b&n=2>; rel=\"next\"")));
        assertEquals(Optional.of("https://x/v2/r/tags/list?last=1"),
                LinkHeader.next(List.of("<https://x/prev>; rel=\"prev\", <https://x/v2/r/tags/list?last=1>; rel=next")));
        assertEquals(Optional.empty(), LinkHeader.next(List.of("<https://x/prev>; rel=\"prev\"")));
        assertEquals(Optional.empty(), LinkHeader.next(List.of()));
    }

    @Test
    void bearerChallengeParameters() {
        BearerChallenge c = BearerChallenge.parse("Bearer realm=\"https://auth.docker.io/token\","
                + "service=\"registry.docker.io\",scope=\"repository:library/python:pull\"").orElseThrow();
        assertTrue(c.isBearer());
        assertEquals(Optional.of("https://auth.docker.io/token"), c.param("realm"));
        assertEquals(Optional.of("registry.docker.io"), c.param("service"));
        assertEquals(Optional.of("repository:library/python:pull"), c.param("scope"));
        BearerChallenge basic = BearerChallenge.first(List.of("Basic realm=\"x\"")).orElseThrow();
        assertTrue(basic.isBasic());
        assertEquals("Bearer", BearerChallenge.first(List.of("Basic realm=\"x\"", "Bearer realm=\"y\""))
                .orElseThrow().scheme());
    }

    @Test
    void imageReferencesAndHosts() {
        ImageReference hub = ImageReference.parse("python:3.12");
        assertEquals("docker.io", hub.host());
        assertEquals("library/python", hub.repository());
        assertEquals(Optional.of("3.12"), hub.tag());
        assertEquals(URI.create("https://registry-1.docker.io"), hub.baseUrl());

        ImageReference quay = ImageReference.parse("quay.io/jupyterhub/k8s-hub:4.0.0");
        assertEquals("jupyterhub/k8s-hub", quay.repository());
        assertEquals(URI.create("https://quay.io"), quay.baseUrl());

        ImageReference local = ImageReference.parse("localhost:5000/team/app@sha256:"
                + "a".repeat(64));
        assertEquals(URI.create("http://localhost:5000"), local.baseUrl());
        assertEquals(Optional.empty(), local.tag());
        assertEquals(Optional.of("sha256:" + "a".repeat(64)), local.digest());

        assertEquals("jupyterhub/k8s-hub", ImageReference.parse("jupyterhub/k8s-hub").repository());
        assertEquals(URI.create("http://127.0.0.1:5000"), RegistryHosts.baseUrl("127.0.0.1:5000"));
        assertEquals(URI.create("https://registry-1.docker.io"), RegistryHosts.baseUrl("index.docker.io"));
        assertEquals("library/ubuntu", RegistryHosts.repository("docker.io", "ubuntu"));
        assertEquals("ubuntu", RegistryHosts.repository("ghcr.io", "ubuntu"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageReference.parse("x:"));
        assertEquals("not an image reference: 'x:'", e.getMessage());
    }

    @Test
    void helmOciLocations() {
        ImageReference chart = ImageReference.parseOci("oci://registry-1.docker.io/bitnamicharts/nginx");
        assertEquals(URI.create("https://registry-1.docker.io"), chart.baseUrl());
        assertEquals("bitnamicharts/nginx", chart.repository());
        ImageReference ghcr = ImageReference.parseOci("oci://ghcr.io/org/charts/app");
        assertEquals(URI.create("https://ghcr.io"), ghcr.baseUrl());
        assertEquals("org/charts/app", ghcr.repository());
        assertEquals("not an oci:// location: 'https://x.io/a'",
                assertThrows(IllegalArgumentException.class, () -> ImageReference.parseOci("https://x.io/a"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageReference.parseOci("oci://charts/app"));
    }

    @Test
    void digestsAndMediaTypes() {
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Digests.sha256(new byte[0]));
        assertTrue(Digests.isDigest("sha256:" + "0".repeat(64)));
        assertTrue(!Digests.isDigest("latest"));
        assertTrue(MediaTypes.isIndex("application/vnd.docker.distribution.manifest.list.v2+json"));
        assertTrue(MediaTypes.isIndex("application/vnd.oci.image.index.v1+json; charset=utf-8"));
        assertTrue(MediaTypes.isImageConfig(MediaTypes.DOCKER_CONFIG));
    }
}
