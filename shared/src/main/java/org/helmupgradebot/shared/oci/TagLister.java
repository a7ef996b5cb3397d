package org.helmupgradebot.shared.oci;

import java.util.List;
import java.util.Optional;

/** {@code GET /v2/<repo>/tags/list?n=…}, all pages (at most {@code maxPages}). */
final class TagLister {
    private final RegistryTransport transport;
    private final int pageSize;
    private final int maxPages;

    TagLister(RegistryTransport transport, int pageSize, int maxPages) {
        this.transport = transport;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    Optional<List<String>> list(String repository) {
        return PagedLister.all(transport, "/v2/" + repository + "/tags/list?n=" + pageSize,
                Scopes.pull(repository), "tags", maxPages);
    }
}
