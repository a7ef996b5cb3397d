package org.helmupgradebot.clean.testing;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.helmupgradebot.clean.testing.RegistryProxy.Reply;
import reactor.core.publisher.Mono;

/**
 * A stand-in for Azure Container Registry on loopback (plain HTTP), written from ACR's data-plane API reference
 * (acr-cli's OpenAPI description) and the shape of the recorded exchanges in {@code fixtures/acr-api}:
 * <ul>
 *   <li>sign-in: {@code POST /oauth2/exchange} (AAD access token → refresh token), {@code POST /oauth2/token}
 *       (refresh token + scope → access token), {@code GET /oauth2/token} with the admin user's Basic credentials
 *       (how {@code docker login} seeds it); every other call without a token covering its scope is answered 401
 *       with a Bearer challenge naming that scope;</li>
 *   <li>{@code /acr/v1/_catalog} and {@code /acr/v1/<repo>/_manifests} with ACR's paging ({@code n=}, a
 *       {@code last=} cursor in the {@code Link} header; for {@code orderby=timeasc} the cursor is
 *       {@code <ticks>&<digest>}), every manifest (tagged or not) with imageSize, times, architecture/os, tags and
 *       {@code changeableAttributes}; {@code /acr/v1/<repo>/_manifests/<digest>} with the references of an index;</li>
 *   <li>{@code /v2/} forwarded to a real registry ({@link RegistryProxy}); the stand-in watches manifest pushes and
 *       deletes to keep the metadata above, as ACR does. An image's createdTime is its config's {@code created}
 *       (as if pushed when built), else the time of the push; locks are set with {@link #lock}.</li>
 * </ul>
 */
public final class AcrStandIn implements AutoCloseable {
    public static final String ADMIN_USER = "standin-admin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE = 1000;
    private static final long TICKS_AT_EPOCH = 621_355_968_000_000_000L;

    /** What ACR keeps about one manifest. */
    private static final class Entry {
        final String digest;
        final String mediaType;
        final long imageSize;
        final Instant created;
        final Set<String> tags = new TreeSet<>();
        final List<String> references;
        final String architecture;
        final String os;
        final String configMediaType;
        volatile boolean deleteEnabled = true;
        volatile boolean writeEnabled = true;

        Entry(String digest, String mediaType, long imageSize, Instant created, List<String> references,
                String architecture, String os, String configMediaType) {
            this.digest = digest;
            this.mediaType = mediaType;
            this.imageSize = imageSize;
            this.created = created;
            this.references = references;
            this.architecture = architecture;
            this.os = os;
            this.configMediaType = configMediaType;
        }
    }

    private final RegistryProxy registry;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String adminPassword = UUID.randomUUID().toString();
    private final Map<String, Map<String, Entry>> repositories = new TreeMap<>();
    private final Map<String, Instant> aadTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicInteger credentialCalls = new AtomicInteger();
    private volatile Duration accessTokenLifetime = Duration.ofMinutes(75);
    private volatile java.math.BigInteger imageSizeOverride;
    private volatile String imageSizeOverrideDigest;

    /** A stand-in in front of the registry at {@code registryBaseUrl}. */
    public AcrStandIn(URI registryBaseUrl) {
        this.registry = new RegistryProxy(registryBaseUrl);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the ACR stand-in on loopback", e);
        }
        executor = Executors.newFixedThreadPool(24, r -> {
            Thread t = new Thread(r, "acr-standin");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The login server, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The forwarder to the real registry, where a test can make {@code /v2/} lie. */
    public RegistryProxy v2() {
        return registry;
    }

    /** The admin user's password, for seeding through {@code /v2/} with Basic credentials. */
    public String adminPassword() {
        return adminPassword;
    }

    /**
     * An Azure AD credential whose tokens this registry accepts at {@code /oauth2/exchange}; every call is counted
     * (each would be an {@code az} launch or a managed-identity request).
     */
    public TokenCredential credential() {
        return new TokenCredential() {
            @Override
            public Mono<AccessToken> getToken(TokenRequestContext request) {
                return Mono.fromCallable(() -> getTokenSync(request));
            }

            @Override
            public AccessToken getTokenSync(TokenRequestContext request) {
                credentialCalls.incrementAndGet();
                String token = "aad-" + UUID.randomUUID();
                OffsetDateTime expires = OffsetDateTime.now().plusHours(1);
                aadTokens.put(token, expires.toInstant());
                return new AccessToken(token, expires);
            }
        };
    }

    /** Sets a manifest's locks ({@code changeableAttributes}). */
    public synchronized void lock(String repository, String digest, boolean deleteEnabled, boolean writeEnabled) {
        Entry e = repositories.get(repository).get(digest);
        e.deleteEnabled = deleteEnabled;
        e.writeEnabled = writeEnabled;
    }

    /**
     * From now on, {@code /acr/v1} reports this imageSize (any integer, as a bare JSON number) for this digest;
     * {@code null, null} goes back to the true sizes.
     */
    public void reportImageSize(String digest, java.math.BigInteger size) {
        imageSizeOverrideDigest = digest;
        imageSizeOverride = size;
    }

    /**
     * Lists a manifest the real registry would refuse to store (e.g. a layer size past 2^63) as pushed now with this
     * tag, its body served from here under its true digest; returns that digest.
     */
    public String addUnstorable(String repository, byte[] manifest, String tag) {
        String digest = org.helmupgradebot.shared.oci.Digests.sha256(manifest);
        registry.override("GET", "/v2/" + repository + "/manifests/" + digest, Reply.of(200, manifest,
                "Content-Type", "application/vnd.oci.image.manifest.v1+json", "Docker-Content-Digest", digest));
        synchronized (this) {
            Entry e = new Entry(digest, "application/vnd.oci.image.manifest.v1+json", 0, Instant.parse("2024-01-01T00:00:00Z"),
                    List.of(), "amd64", "linux", "application/vnd.oci.image.config.v1+json");
            e.tags.add(tag);
            repositories.computeIfAbsent(repository, r -> new LinkedHashMap<>()).put(digest, e);
        }
        return digest;
    }

    /**
     * Learns what the registry already holds (every tagged manifest), as if each had
     * been pushed through this stand-in; for a registry seeded directly (the benchmark). Returns the manifests learnt.
     */
    public int adoptExisting() throws IOException {
        int learnt = 0;
        for (String name : listAll("/v2/_catalog", "repositories")) {
            for (String tag : listAll("/v2/" + name + "/tags/list", "tags")) {
                Map<String, List<String>> accept = Map.of("Accept", List.of(
                        "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
                                + "application/vnd.docker.distribution.manifest.v2+json"));
                Reply m = registry.exchange("GET", "/v2/" + name + "/manifests/" + tag, null, accept, new byte[0]);
                pushed(name, tag, m.header("Docker-Content-Digest"), m.body(), m.headers());
                learnt++;
            }
        }
        return learnt;
    }

    /** Every item of a paged /v2/ list, straight from the registry. */
    private List<String> listAll(String path, String field) throws IOException {
        List<String> items = new ArrayList<>();
        String query = "n=1000";
        while (query != null) {
            Reply page = registry.exchange("GET", path, query, Map.of(), new byte[0]);
            if (page.status() != 200) {
                throw new IOException("GET " + path + " answered " + page.status());
            }
            JSON.readTree(page.body()).path(field).forEach(n -> items.add(n.asText()));
            String link = page.header("Link");
            query = link == null || !link.contains("?") ? null : link.substring(link.indexOf('?') + 1, link.indexOf('>'));
        }
        return items;
    }

    /** Access tokens handed out from now on last this long. */
    public void accessTokenLifetime(Duration lifetime) {
        accessTokenLifetime = lifetime;
    }

    /** Calls of the credential from {@link #credential()}. */
    public int credentialCalls() {
        return credentialCalls.get();
    }

    /**
     * Requests seen of one kind: {@code exchange}, {@code token}, {@code catalog}, {@code manifests} (the
     * /acr/v1 manifest lists), {@code manifest} (one manifest's /acr/v1 properties), {@code v2}, {@code 401}.
     */
    public int count(String kind) {
        AtomicInteger n = counts.get(kind);
        return n == null ? 0 : n.get();
    }

    /** Every request seen. */
    public int total() {
        return counts.entrySet().stream().filter(e -> !e.getKey().equals("401")).mapToInt(e -> e.getValue().get()).sum();
    }

    /** Forgets the counts (not the tokens). */
    public void resetCounts() {
        counts.clear();
        credentialCalls.set(0);
    }

    /** Digests ACR lists for a repository. */
    public synchronized Set<String> digests(String repository) {
        return new TreeSet<>(repositories.getOrDefault(repository, Map.of()).keySet());
    }

    private void tally(String kind) {
        counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            Reply reply;
            if (path.equals("/oauth2/exchange") && method.equals("POST")) {
                tally("exchange");
                reply = exchange(form(new String(body, StandardCharsets.UTF_8)));
            } else if (path.equals("/oauth2/token") && method.equals("POST")) {
                tally("token");
                reply = tokenFromRefresh(form(new String(body, StandardCharsets.UTF_8)));
            } else if (path.equals("/oauth2/token") && method.equals("GET")) {
                tally("token");
                reply = tokenFromLogin(exchange.getRequestHeaders().getFirst("Authorization"), form(query));
            } else {
                reply = authorised(exchange, method, path, query, body);
            }
            RegistryProxy.send(exchange, reply);
        } catch (RuntimeException e) {
            RegistryProxy.send(exchange, error(500, "INTERNAL", e.toString()));
        }
    }

    private Reply authorised(HttpExchange exchange, String method, String path, String query, byte[] body)
            throws IOException {
        String scope = requiredScope(method, path);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        Set<String> granted = auth != null && auth.startsWith("Bearer ") ? accessTokens.get(auth.substring(7)) : null;
        if (granted == null || !covers(granted, scope)) {
            tally("401");
            Reply r = error(401, "UNAUTHORIZED", "authentication required, visit https://aka.ms/acr/authorization");
            r.headers().put("WWW-Authenticate", List.of("Bearer realm=\"" + endpoint() + "/oauth2/token\",service=\""
                    + endpoint().getHost() + "\"" + (scope.isEmpty() ? "" : ",scope=\"" + scope + "\"")));
            return r;
        }
        if (path.startsWith("/acr/v1/")) {
            return acrV1(path, form(query));
        }
        tally("v2");
        return v2(method, decodeName(path), query, exchange.getRequestHeaders(), body);
    }

    // ---- sign-in

    private Reply exchange(Map<String, List<String>> form) {
        if (!"access_token".equals(first(form, "grant_type"))) {
            return error(400, "UNSUPPORTED_GRANT", "grant_type must be access_token");
        }
        Instant aadExpiry = aadTokens.get(first(form, "access_token"));
        if (aadExpiry == null || aadExpiry.isBefore(Instant.now()) || first(form, "service") == null) {
            return error(401, "UNAUTHORIZED", "invalid AAD access token");
        }
        String refresh = jwt("refresh", Instant.now().plus(Duration.ofHours(3)));
        refreshTokens.put(refresh, Instant.now().plus(Duration.ofHours(3)));
        return json(200, JSON.createObjectNode().put("refresh_token", refresh));
    }

    private Reply tokenFromRefresh(Map<String, List<String>> form) {
        Instant expiry = refreshTokens.get(first(form, "refresh_token"));
        if (!"refresh_token".equals(first(form, "grant_type")) || expiry == null || expiry.isBefore(Instant.now())) {
            return error(401, "UNAUTHORIZED", "invalid refresh token");
        }
        return access(form.getOrDefault("scope", List.of()));
    }

    private Reply tokenFromLogin(String authorization, Map<String, List<String>> query) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((ADMIN_USER + ":" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            return error(401, "UNAUTHORIZED", "invalid username or password");
        }
        return access(query.getOrDefault("scope", List.of()));
    }

    private Reply access(List<String> scopes) {
        Instant expiry = Instant.now().plus(accessTokenLifetime);
        String token = jwt("access", expiry);
        Set<String> granted = new LinkedHashSet<>();
        for (String scope : scopes) {
            granted.addAll(List.of(scope.trim().split("\\s+")));
        }
        accessTokens.put(token, granted);
        return json(200, JSON.createObjectNode().put("access_token", token));
    }

    /** The scope ACR requires: registry:catalog:* for the catalogs, repository:<name>:<action> otherwise. */
    private static String requiredScope(String method, String rawPath) {
        if (rawPath.equals("/v2/") || rawPath.equals("/v2")) {
            return "";
        }
        if (rawPath.startsWith("/acr/v1/_catalog") || rawPath.startsWith("/v2/_catalog")) {
            return "registry:catalog:*";
        }
        String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
        boolean acr = path.startsWith("/acr/v1/");
        String rest = path.substring(acr ? "/acr/v1/".length() : "/v2/".length());
        int end = rest.indexOf(acr ? "/_" : "/manifests/");
        if (!acr && end < 0) {
            end = Math.max(rest.indexOf("/blobs/"), rest.indexOf("/tags/"));
        }
        String name = end < 0 ? rest : rest.substring(0, end);
        String action;
        if (method.equals("DELETE")) {
            action = "delete";
        } else if (acr) {
            action = method.equals("PATCH") ? "metadata_write" : "metadata_read";
        } else {
            action = method.equals("GET") || method.equals("HEAD") ? "pull" : "push";
        }
        return "repository:" + name + ":" + action;
    }

    private static boolean covers(Set<String> granted, String required) {
        if (required.isEmpty()) {
            return true;
        }
        int cut = required.lastIndexOf(':');
        String resource = required.substring(0, cut);
        String action = required.substring(cut + 1);
        for (String g : granted) {
            int gc = g.lastIndexOf(':');
            if (gc > 0 && g.substring(0, gc).equals(resource)
                    && (List.of(g.substring(gc + 1).split(",")).contains(action) || g.endsWith(":*"))) {
                return true;
            }
        }
        return false;
    }

    // ---- /acr/v1

    private synchronized Reply acrV1(String rawPath, Map<String, List<String>> query) {
        if (rawPath.equals("/acr/v1/_catalog")) {
            tally("catalog");
            List<String> names = repositories.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .map(Map.Entry::getKey).toList();
            int n = pageSize(query);
            String last = first(query, "last");
            List<String> after = names.stream().filter(r -> last == null || r.compareTo(last) > 0).toList();
            List<String> page = after.subList(0, Math.min(n, after.size()));
            ObjectNode body = JSON.createObjectNode();
            ArrayNode repos = body.putArray("repositories");
            page.forEach(repos::add);
            Reply reply = json(200, body);
            if (after.size() > page.size()) {
                reply.headers().put("Link", List.of("</acr/v1/_catalog?last=" + enc(page.get(page.size() - 1))
                        + "&n=" + n + "&orderby=>; rel=\"next\""));
            }
            return reply;
        }
        String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8).substring("/acr/v1/".length());
        int cut = path.indexOf("/_manifests");
        if (cut < 0) {
            return error(404, "NAME_UNKNOWN", "repository name not known to registry");
        }
        String name = path.substring(0, cut);
        Map<String, Entry> repo = repositories.get(name);
        if (repo == null || repo.isEmpty()) {
            return error(404, "NAME_UNKNOWN", "repository name not known to registry");
        }
        String tail = path.substring(cut + "/_manifests".length());
        if (tail.startsWith("/")) {
            tally("manifest");
            Entry e = repo.get(tail.substring(1));
            if (e == null) {
                return error(404, "MANIFEST_UNKNOWN", "manifest unknown");
            }
            ObjectNode body = JSON.createObjectNode().put("registry", endpoint().getAuthority()).put("imageName", name);
            ObjectNode m = attributes(e);
            if (!e.references.isEmpty()) {
                ArrayNode refs = m.putArray("references");
                for (String child : e.references) {
                    Entry c = repo.get(child);
                    ObjectNode ref = refs.addObject().put("digest", child);
                    if (c != null && c.architecture != null) {
                        ref.put("architecture", c.architecture).put("os", c.os);
                    }
                }
            }
            body.set("manifest", m);
            return json(200, body);
        }
        tally("manifests");
        boolean timeAsc = "timeasc".equals(first(query, "orderby"));
        Comparator<Entry> order = timeAsc
                ? Comparator.comparing((Entry e) -> e.created).thenComparing(e -> e.digest)
                : Comparator.comparing((Entry e) -> e.digest);
        List<Entry> all = repo.values().stream().sorted(order).toList();
        String last = first(query, "last");
        List<Entry> after = new ArrayList<>();
        for (Entry e : all) {
            if (last == null || (timeAsc ? compareCursor(e, last) > 0 : e.digest.compareTo(last) > 0)) {
                after.add(e);
            }
        }
        int n = pageSize(query);
        List<Entry> page = after.subList(0, Math.min(n, after.size()));
        ObjectNode body = JSON.createObjectNode().put("registry", endpoint().getAuthority()).put("imageName", name);
        ArrayNode manifests = body.putArray("manifests");
        page.forEach(e -> manifests.add(attributes(e)));
        Reply reply = json(200, body);
        if (after.size() > page.size()) {
            Entry lastOnPage = page.get(page.size() - 1);
            String next = timeAsc ? cursor(lastOnPage) : lastOnPage.digest;
            reply.headers().put("Link", List.of("</acr/v1/" + enc(name) + "/_manifests?last=" + enc(next) + "&n=" + n
                    + "&orderby=" + (timeAsc ? "timeasc" : "") + ">; rel=\"next\""));
        }
        return reply;
    }

    /** ACR's cursor for timeasc: .NET ticks of lastUpdateTime, '&', digest. */
    private static String cursor(Entry e) {
        long ticks = TICKS_AT_EPOCH + e.created.getEpochSecond() * 10_000_000L + e.created.getNano() / 100;
        return ticks + "&" + e.digest;
    }

    private static int compareCursor(Entry e, String cursor) {
        int amp = cursor.indexOf('&');
        long ticks = Long.parseLong(cursor.substring(0, amp));
        long mine = Long.parseLong(cursor(e).substring(0, cursor(e).indexOf('&')));
        return mine != ticks ? Long.compare(mine, ticks) : e.digest.compareTo(cursor.substring(amp + 1));
    }

    private ObjectNode attributes(Entry e) {
        ObjectNode m = JSON.createObjectNode().put("digest", e.digest);
        if (e.digest.equals(imageSizeOverrideDigest) && imageSizeOverride != null) {
            m.put("imageSize", imageSizeOverride);
        } else {
            m.put("imageSize", e.imageSize);
        }
        m.put("createdTime", e.created.toString()).put("lastUpdateTime", e.created.toString());
        if (e.architecture != null) {
            m.put("architecture", e.architecture).put("os", e.os);
        }
        m.put("mediaType", e.mediaType);
        if (e.configMediaType != null) {
            m.put("configMediaType", e.configMediaType);
        }
        if (!e.tags.isEmpty()) {
            ArrayNode tags = m.putArray("tags");
            e.tags.forEach(tags::add);
        }
        m.putObject("changeableAttributes").put("deleteEnabled", e.deleteEnabled).put("writeEnabled", e.writeEnabled)
                .put("readEnabled", true).put("listEnabled", true);
        return m;
    }

    private static int pageSize(Map<String, List<String>> query) {
        String n = first(query, "n");
        return n == null ? 100 : Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(n)));
    }

    // ---- /v2/ through the real registry

    private Reply v2(String method, String path, String query, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        int at = path.indexOf("/manifests/");
        if (method.equals("DELETE") && at > 0) {
            Entry e = entry(path.substring("/v2/".length(), at), path.substring(at + "/manifests/".length()));
            if (e != null && (!e.deleteEnabled || !e.writeEnabled)) {
                return error(405, "UNSUPPORTED", "The operation is disallowed on this registry, repository or image.");
            }
        }
        Reply reply = registry.exchange(method, path, query, headers, body);
        if (at > 0 && method.equals("PUT") && reply.status() == 201) {
            pushed(path.substring("/v2/".length(), at), path.substring(at + "/manifests/".length()),
                    reply.header("Docker-Content-Digest"), body, headers);
        } else if (at > 0 && method.equals("DELETE") && reply.status() == 202) {
            deleted(path.substring("/v2/".length(), at), path.substring(at + "/manifests/".length()));
        }
        return reply;
    }

    private synchronized Entry entry(String repository, String digest) {
        return repositories.getOrDefault(repository, Map.of()).get(digest);
    }

    private void pushed(String repository, String reference, String digest, byte[] body,
            Map<String, List<String>> headers) throws IOException {
        JsonNode m = JSON.readTree(body);
        String mediaType = m.path("mediaType").asText(headers.getOrDefault("Content-Type", List.of("")).get(0));
        Instant created = Instant.now();
        long size = 0;
        List<String> references = new ArrayList<>();
        String arch = null;
        String os = null;
        String configType = null;
        if (m.has("manifests")) {
            synchronized (this) {
                Map<String, Entry> repo = repositories.getOrDefault(repository, Map.of());
                for (JsonNode child : m.path("manifests")) {
                    references.add(child.path("digest").asText());
                    Entry c = repo.get(child.path("digest").asText());
                    size += c == null ? 0 : c.imageSize;
                }
            }
        } else {
            JsonNode config = m.path("config");
            configType = config.path("mediaType").asText(null);
            size = config.path("size").asLong();
            for (JsonNode layer : m.path("layers")) {
                size += layer.path("size").asLong();
            }
            Reply blob = registry.exchange("GET", "/v2/" + repository + "/blobs/" + config.path("digest").asText(),
                    null, Map.of(), new byte[0]);
            if (blob.status() == 200 && configType != null
                    && (configType.contains("image.config") || configType.contains("container.image"))) {
                JsonNode c = JSON.readTree(blob.body());
                arch = c.path("architecture").asText(null);
                os = c.path("os").asText(null);
                try {
                    Instant built = Instant.parse(c.path("created").asText(""));
                    if (built.isAfter(Instant.parse("1980-01-02T00:00:00Z"))) {
                        created = built;
                    }
                } catch (java.time.format.DateTimeParseException notADate) {
                    // pushed now
                }
            }
        }
        synchronized (this) {
            Map<String, Entry> repo = repositories.computeIfAbsent(repository, r -> new LinkedHashMap<>());
            Entry e = repo.get(digest);
            if (e == null) {
                e = new Entry(digest, mediaType, size, created, references, arch, os, configType);
                repo.put(digest, e);
            }
            if (!reference.startsWith("sha256:")) {
                repo.values().forEach(other -> other.tags.remove(reference));
                e.tags.add(reference);
            }
        }
    }

    private synchronized void deleted(String repository, String digest) {
        Map<String, Entry> repo = repositories.get(repository);
        if (repo != null) {
            repo.remove(digest);
        }
    }

    // ---- helpers

    private static String decodeName(String rawPath) {
        return rawPath.replace("%2F", "/").replace("%2f", "/");
    }

    private static Map<String, List<String>> form(String text) {
        Map<String, List<String>> out = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            String[] kv = pair.split("=", 2);
            out.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String jwt(String purpose, Instant expiry) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"exp\":" + expiry.getEpochSecond() + ",\"grant_type\":\"" + purpose
                + "\",\"jti\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".c2lnbmF0dXJl";
    }

    private static Reply json(int status, JsonNode body) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Content-Type", List.of("application/json; charset=utf-8"));
        headers.put("Docker-Distribution-Api-Version", List.of("registry/2.0"));
        try {
            return new Reply(status, headers, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message);
        return json(status, body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
