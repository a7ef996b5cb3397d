package org.helmupgradebot.shared.oci;

import java.util.List;

/** {@code GET /v2/_catalog?n=…}, all pages. */
final class CatalogLister {
    private final RegistryTransport transport;
    private final int pageSize;

    CatalogLister(RegistryTransport transport, int pageSize) {
        this.transport = transport;
        this.pageSize = pageSize;
    }

    List<String> list() {
        return PagedLister.all(transport, "/v2/_catalog?n=" + pageSize, Scopes.CATALOG, "repositories")
                .orElse(List.of());
    }
}
