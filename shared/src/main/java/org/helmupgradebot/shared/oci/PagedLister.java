package org.helmupgradebot.shared.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpReply;
import org.helmupgradebot.shared.http.HttpRequestSpec;
import org.helmupgradebot.shared.http.LinkHeader;
import org.helmupgradebot.shared.http.Redaction;

/**
 * Reads every page of a /v2/ list endpoint, following {@code Link: <…>; rel="next"}: at most {@code maxPages}
 * pages, never to another origin (the registry's credentials would follow), never in a loop.
 */
final class PagedLister {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PagedLister() {}

    /** The string items of {@code field} over all pages; empty when the first page is 404. */
    static Optional<List<String>> all(RegistryTransport transport, String firstPath, String scope, String field,
            int maxPages) {
        List<String> items = new ArrayList<>();
        Set<URI> visited = new HashSet<>();
        URI first = transport.resolve(firstPath);
        URI uri = first;
        while (uri != null) {
            if (!visited.add(uri)) {
                throw new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, 200, "GET", uri,
                        "pagination loops back to a page already read", 1, null);
            }
            if (visited.size() > maxPages) {
                throw new HttpFailure(HttpFailure.Kind.TOO_LARGE, 200, "GET", first,
                        "more than " + maxPages + " pages; stopped (the page cap)", 1, null);
            }
            HttpReply reply = transport.send(HttpRequestSpec.get(uri).withHeader("Accept", "application/json"), scope);
            if (reply.status() == 404 && visited.size() == 1) {
                return Optional.empty();
            }
            if (!reply.isSuccess()) {
                throw RegistryErrors.of(reply);
            }
            try {
                JsonNode values = JSON.readTree(reply.body()).path(field);
                for (JsonNode v : values) {
                    items.add(v.asText());
                }
            } catch (IOException e) {
                throw new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, reply.status(), "GET", uri,
                        "list page is not JSON", reply.attempts(), e);
            }
            uri = next(transport, uri, reply);
        }
        return Optional.of(items);
    }

    private static URI next(RegistryTransport transport, URI page, HttpReply reply) {
        Optional<String> link = LinkHeader.next(reply.headerValues("Link"));
        if (link.isEmpty()) {
            return null;
        }
        URI next;
        try {
            next = transport.resolve(link.get());
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, reply.status(), "GET", page,
                    "the next-page Link is not a URL", reply.attempts(), null);
        }
        if (!transport.origin().contains(next)) {
            throw new HttpFailure(HttpFailure.Kind.REFUSED, reply.status(), "GET", page,
                    "the next-page Link points to another origin (" + Redaction.uri(next) + "); refused",
                    reply.attempts(), null);
        }
        return next;
    }
}
