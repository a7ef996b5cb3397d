package org.helmupgradebot.shared.oci;

import java.net.URI;
import java.util.Locale;

/** Maps an image reference's host to its distribution API base URL, and Docker Hub short names to full ones. */
public final class RegistryHosts {
    public static final String DOCKER_HUB_HOST = "docker.io";
    public static final URI DOCKER_HUB = URI.create("https://registry-1.docker.io");

    private RegistryHosts() {}

    /**
     * The base URL for an image host: {@code docker.io} (and its aliases) → {@code https://registry-1.docker.io};
     * {@code localhost}/{@code 127.0.0.1} (with or without port) → {@code http://…}; anything else → {@code https://host}.
     */
    public static URI baseUrl(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (isDockerHub(h)) {
            return DOCKER_HUB;
        }
        String name = h.contains(":") && !h.startsWith("[") ? h.substring(0, h.indexOf(':')) : h;
        if (name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]")) {
            return URI.create("http://" + h);
        }
        return URI.create("https://" + h);
    }

    /** The repository path the API uses: on Docker Hub a single name gets {@code library/}. */
    public static String repository(String host, String repository) {
        if (isDockerHub(host.toLowerCase(Locale.ROOT)) && !repository.contains("/")) {
            return "library/" + repository;
        }
        return repository;
    }

    public static boolean isDockerHub(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("docker.io") || h.equals("index.docker.io") || h.equals("registry-1.docker.io")
                || h.equals("registry.hub.docker.com");
    }
}
