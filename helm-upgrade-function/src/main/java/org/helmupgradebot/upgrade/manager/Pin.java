package org.helmupgradebot.upgrade.manager;

import java.util.Objects;
import java.util.Optional;

/**
 * One pinned version found in a file: a chart dependency or an image tag, with the exact span of
 * its version scalar in the file text so that an edit can replace those characters and nothing else.
 *
 * @param kind chart dependency or container image
 * @param name chart name, or image repository without tag (e.g. {@code quay.io/jupyterhub/repo2docker})
 * @param file path of the file, relative to the target's root, with '/' separators
 * @param location where in the file, for people: {@code dependencies[1]} or a dotted YAML path
 * @param version the pinned version as YAML reads it (quotes removed), e.g. {@code 1.0.0-0.dev.git.3361.h6ba80cf}
 * @param repository chart repository URL ({@code https://…}, {@code oci://…}, {@code file://…}) or, for an
 *     image, the registry host ({@code docker.io}, {@code quay.io}, …)
 * @param start index of the first character of the version text in the file (inside any quotes)
 * @param end index one past the last character of the version text
 * @param skipReason why this pin cannot be checked ({@code file://} repository, alias, templated value), or empty
 */
public record Pin(
        Kind kind,
        String name,
        String file,
        String location,
        String version,
        String repository,
        int start,
        int end,
        Optional<String> skipReason) {

    /** What a pin points at. */
    public enum Kind { CHART, IMAGE }

    public Pin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(skipReason, "skipReason");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    /** True when the bot can look this pin up. */
    public boolean checkable() {
        return skipReason.isEmpty();
    }
}
