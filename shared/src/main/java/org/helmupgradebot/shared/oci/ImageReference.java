package org.helmupgradebot.shared.oci;

import java.net.URI;
import java.util.Optional;

/**
 * An image reference split Docker-style: {@code quay.io/jupyterhub/k8s-hub:4.0.0},
 * {@code jupyterhub/k8s-hub} (Docker Hub), {@code python:3.12} (Docker Hub {@code library/python}).
 *
 * @param host registry host as written, {@code docker.io} when none was
 * @param repository repository path as the API wants it (with {@code library/} on Docker Hub)
 * @param tag tag, if any
 * @param digest digest after {@code @}, if any
 */
public record ImageReference(String host, String repository, Optional<String> tag, Optional<String> digest) {

    /** Parses a reference; throws {@link IllegalArgumentException} with the reference named when malformed. */
    public static ImageReference parse(String reference) {
        String rest = reference.strip();
        if (rest.isEmpty() || rest.contains(" ") || rest.startsWith("/") || rest.endsWith("/")) {
            throw new IllegalArgumentException("not an image reference: '" + reference + "'");
        }
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        String host = RegistryHosts.DOCKER_HUB_HOST;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                host = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (rest.isEmpty() || tag.map(String::isEmpty).orElse(false)) {
            throw new IllegalArgumentException("not an image reference: '" + reference + "'");
        }
        return new ImageReference(host, RegistryHosts.repository(host, rest), tag, digest);
    }

    /**
     * Parses a Helm OCI location, {@code oci://host/path} (a chart dependency's {@code repository} plus
     * {@code "/" + name}), e.g. {@code oci://registry-1.docker.io/bitnamicharts/nginx}.
     */
    public static ImageReference parseOci(String ociUrl) {
        String s = ociUrl.strip();
        if (!s.startsWith("oci://")) {
            throw new IllegalArgumentException("not an oci:// location: '" + ociUrl + "'");
        }
        ImageReference r = parse(s.substring("oci://".length()));
        if (r.host().equals(RegistryHosts.DOCKER_HUB_HOST) && !s.startsWith("oci://docker.io/")) {
            throw new IllegalArgumentException("oci:// location without a registry host: '" + ociUrl + "'");
        }
        return r;
    }

    /** The distribution API base URL for this reference's host. */
    public URI baseUrl() {
        return RegistryHosts.baseUrl(host);
    }
}
