package org.helmupgradebot.upgrade.source;

import java.net.URI;
import java.util.List;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.OciRegistryClient;

/** Lists the tags of a repository in an OCI registry (image tags, and {@code oci://} chart versions). */
public final class OciTagSource {
    private final RetryingHttpClient http;
    private final Mirrors mirrors;

    public OciTagSource(RetryingHttpClient http, Mirrors mirrors) {
        this.http = http;
        this.mirrors = mirrors;
    }

    /**
     * All tags of {@code repository} on {@code host}.
     *
     * @throws SourceException when the registry fails or has no such repository
     */
    public List<String> tags(String host, String repository) {
        URI base = mirrors.registry(host);
        try {
            return new OciRegistryClient(base, http).listTags(repository)
                    .orElseThrow(() -> new SourceException(base + "/v2/" + repository + "/tags/list: repository not found"));
        } catch (HttpFailure e) {
            throw new SourceException(e.getMessage(), e);
        }
    }
}
