package org.helmupgradebot.upgrade.source;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.RetryingHttpClient;

/** Fetches a Helm repository's {@code index.yaml} (http, https, or a mirror folder) and parses the wanted charts. */
public final class HelmRepositorySource {
    private static final Map<String, String> ACCEPT = Map.of("Accept", "application/x-yaml, text/yaml, */*");

    private final RetryingHttpClient http;
    private final Mirrors mirrors;
    private final HelmIndexReader reader = new HelmIndexReader();

    public HelmRepositorySource(RetryingHttpClient http, Mirrors mirrors) {
        this.http = http;
        this.mirrors = mirrors;
    }

    /**
     * Downloads and parses one repository's index, keeping only {@code charts}.
     *
     * @throws SourceException naming the URL on any failure (HTTP status, timeout, not an index, truncated)
     */
    public HelmIndex fetch(String repositoryUrl, Set<String> charts) {
        URI uri = mirrors.helmIndex(repositoryUrl);
        String where = uri.toString();
        if ("file".equals(uri.getScheme())) {
            Path file = Path.of(uri);
            if (!Files.isRegularFile(file)) {
                throw new SourceException(where + ": index not found");
            }
            return reader.read(file, charts);
        }
        try {
            return http.getStream(uri, ACCEPT, (in, head) -> reader.read(in, where, charts));
        } catch (HttpFailure e) {
            throw new SourceException(e.getMessage(), e);
        }
    }
}
