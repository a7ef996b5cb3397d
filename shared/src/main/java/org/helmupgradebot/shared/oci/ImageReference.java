package org.helmupgradebot.shared.oci;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference split as Docker reads it: {@code quay.io/jupyterhub/k8s-hub:4.0.0},
 * {@code jupyter/repo2docker} (Docker Hub), {@code python:3.12} (Docker Hub {@code library/python}).
 * Both jobs use it: the upgrade for image tags in values files, the registry client for hosts.
 *
 * @param name the reference as written, without tag or digest (e.g. {@code jupyter/repo2docker})
 * @param host registry host, with port if any; {@code docker.io} when the reference names none
 * @param repository repository path as the API wants it ({@code library/} added for Docker Hub short names)
 * @param tag the tag, if written
 * @param digest the digest ({@code sha256:…}), if written
 */
public record ImageReference(String name, String host, String repository, Optional<String> tag,
        Optional<String> digest) {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[A-Za-z0-9=_-]{32,}");

    public ImageReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
    }

    /** True when {@code tag} is a valid Docker tag. */
    public static boolean isValidTag(String tag) {
        return TAG.matcher(tag).matches();
    }

    /**
     * Parses {@code [host[:port]/]path[:tag][@digest]}.
     *
     * @throws IllegalArgumentException with a one-line reason naming the reference when it is malformed
     */
    public static ImageReference parse(String reference) {
        String rest = reference;
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            String d = rest.substring(at + 1);
            if (!DIGEST.matcher(d).matches()) {
                throw new IllegalArgumentException("bad digest '" + d + "' in image reference '" + reference + "'");
            }
            digest = Optional.of(d);
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.indexOf(':', rest.lastIndexOf('/') + 1);
        if (colon >= 0) {
            String t = rest.substring(colon + 1);
            if (!isValidTag(t)) {
                throw new IllegalArgumentException(t.isEmpty() ? "not an image reference: '" + reference + "'"
                        : "bad tag '" + t + "' in image reference '" + reference + "'");
            }
            tag = Optional.of(t);
            rest = rest.substring(0, colon);
        }
        String host = RegistryHosts.DOCKER_HUB_HOST;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                host = RegistryHosts.isDockerHub(first) ? RegistryHosts.DOCKER_HUB_HOST : first;
                path = rest.substring(slash + 1);
            }
        }
        for (String component : path.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("not an image reference: '" + reference + "'");
            }
        }
        return new ImageReference(rest, host, RegistryHosts.repository(host, path), tag, digest);
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
        if (r.host().equals(RegistryHosts.DOCKER_HUB_HOST) && !s.startsWith("oci://docker.io/")
                && !s.startsWith("oci://registry-1.docker.io/") && !s.startsWith("oci://index.docker.io/")) {
            throw new IllegalArgumentException("oci:// location without a registry host: '" + ociUrl + "'");
        }
        return r;
    }

    /** The distribution API base URL for this reference's host. */
    public URI baseUrl() {
        return RegistryHosts.baseUrl(host);
    }
}
