package org.helmupgradebot.upgrade.source;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpRequestSpec;
import org.helmupgradebot.shared.http.Redaction;
import org.helmupgradebot.shared.http.RetryingHttpClient;

/**
 * Fetches a Helm repository's {@code index.yaml} (http, https, or a mirror folder) and parses the wanted
 * charts. The download is streamed and capped; {@code user:password@} in a repository URL becomes basic
 * auth for that origin only and is never printed.
 */
public final class HelmRepositorySource {
    /** The largest index read: real ones reach tens of MB (44 MB reported). */
    public static final long DEFAULT_MAX_INDEX_BYTES = 256L << 20;
    private static final Map<String, String> ACCEPT = Map.of("Accept", "application/x-yaml, text/yaml, */*");

    private final RetryingHttpClient http;
    private final Mirrors mirrors;
    private final HelmIndexReader reader;
    private final long maxIndexBytes;

    public HelmRepositorySource(RetryingHttpClient http, Mirrors mirrors) {
        this(http, mirrors, new HelmIndexReader(), DEFAULT_MAX_INDEX_BYTES);
    }

    /** With another reader (e.g. a known spill folder) and index cap, for tests. */
    HelmRepositorySource(RetryingHttpClient http, Mirrors mirrors, HelmIndexReader reader, long maxIndexBytes) {
        this.http = http;
        this.mirrors = mirrors;
        this.reader = reader;
        this.maxIndexBytes = maxIndexBytes;
    }

    /**
     * Downloads and parses one repository's index, keeping only {@code charts}.
     *
     * @throws SourceException naming the URL on any failure (HTTP status, timeout, not an index, truncated)
     */
    public HelmIndex fetch(String repositoryUrl, Set<String> charts) {
        URI uri = mirrors.helmIndex(repositoryUrl);
        String where = Redaction.uri(uri);
        if ("file".equals(uri.getScheme())) {
            Path file = Path.of(uri);
            if (!Files.isRegularFile(file)) {
                throw new SourceException(where + ": index not found");
            }
            return reader.read(file, charts);
        }
        HttpRequestSpec request = HttpRequestSpec.get(withoutUserInfo(uri)).withHeaders(ACCEPT).withBodyCap(maxIndexBytes);
        if (uri.getRawUserInfo() != null) {
            String userInfo = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
            request = request.withHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.stream(request, (in, head) -> reader.read(in, where, charts));
        } catch (HttpFailure e) {
            throw new SourceException(e.getMessage(), e);
        }
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        return URI.create(uri.toString().replaceFirst("//[^/@]*@", "//"));
    }
}
