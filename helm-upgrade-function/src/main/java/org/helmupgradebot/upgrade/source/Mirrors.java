package org.helmupgradebot.upgrade.source;

import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.oci.RegistryHosts;

/**
 * Where to really fetch from: maps a Helm repository URL prefix, or a registry host, to another URL
 * (a local mirror for air-gapped sites, or a loopback server in tests).
 */
public final class Mirrors {
    private final Map<String, String> map;

    public Mirrors(Map<String, String> map) {
        this.map = new LinkedHashMap<>(map);
    }

    /** The URL of a Helm repository's {@code index.yaml}, after mirroring. */
    public URI helmIndex(String repositoryUrl) {
        String base = withSlash(repositoryUrl);
        String mirrored = longestPrefix(base)
                .map(prefix -> withSlash(map.get(prefix)) + base.substring(withSlash(prefix).length()))
                .orElse(base);
        return URI.create(mirrored + "index.yaml");
    }

    /**
     * The base URL of a registry's distribution API for a host such as {@code quay.io},
     * {@code docker.io} or {@code 127.0.0.1:5000}, after mirroring.
     */
    public URI registry(String host) {
        String mirrored = map.get(host);
        if (mirrored == null && "docker.io".equals(host)) {
            mirrored = map.get("registry-1.docker.io");
        }
        return mirrored != null ? URI.create(stripSlash(mirrored)) : RegistryHosts.baseUrl(host);
    }

    private Optional<String> longestPrefix(String url) {
        return map.keySet().stream()
                .filter(k -> k.contains("://") && url.startsWith(withSlash(k)))
                .max(Comparator.comparingInt(String::length));
    }

    private static String withSlash(String s) {
        return s.endsWith("/") ? s : s + "/";
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
