package org.helmupgradebot.upgrade.manager;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference split into registry, repository, tag and digest, as Docker reads it.
 *
 * @param name the reference as written, without tag or digest (e.g. {@code jupyter/repo2docker}, {@code quay.io/jupyterhub/repo2docker})
 * @param registry registry host, with port if any; {@code docker.io} when the reference names none
 * @param path repository path in that registry; Docker Hub short names get {@code library/} (e.g. {@code library/ubuntu})
 * @param tag the tag, if written
 * @param digest the digest ({@code sha256:…}), if written
 */
public record ImageReference(String name, String registry, String path, Optional<String> tag, Optional<String> digest) {

    /** Docker Hub's host as the bot names it. */
    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[A-Za-z0-9=_-]{32,}");

    public ImageReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(path, "path");
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
     * @throws IllegalArgumentException with a one-line reason when the text is not an image reference
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
                throw new IllegalArgumentException("bad tag '" + t + "' in image reference '" + reference + "'");
            }
            tag = Optional.of(t);
            rest = rest.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first.equals("index.docker.io") || first.equals("registry-1.docker.io") ? DOCKER_HUB : first;
                path = rest.substring(slash + 1);
            }
        }
        for (String component : path.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("not an image reference: '" + reference + "'");
            }
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        return new ImageReference(rest, registry, path, tag, digest);
    }
}
