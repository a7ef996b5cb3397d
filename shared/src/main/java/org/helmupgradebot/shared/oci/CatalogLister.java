package org.helmupgradebot.shared.oci;

import java.util.List;

/** {@code GET /v2/_catalog?n=…}, all pages (at most {@code maxPages}). */
final class CatalogLister {
    private final RegistryTransport transport;
    private final int pageSize;
    private final int maxPages;

    CatalogLister(RegistryTransport transport, int pageSize, int maxPages) {
        this.transport = transport;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    List<String> list() {
        return PagedLister.all(transport, "/v2/_catalog?n=" + pageSize, Scopes.CATALOG, "repositories", maxPages)
                .orElse(List.of());
    }
}
