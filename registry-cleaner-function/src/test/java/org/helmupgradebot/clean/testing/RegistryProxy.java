package org.helmupgradebot.clean.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback front for a real registry's {@code /v2/}: forwards every request, counts them by method and
 * endpoint, and answers chosen requests itself, so a test can play a lying or corrupt registry (a digest
 * header that does not match the body, a manifest the real registry would refuse to store).
 */
public final class RegistryProxy implements AutoCloseable {
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    /** An answer: status, headers, body. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        public static Reply of(int status, byte[] body, String... headers) {
            Map<String, List<String>> h = new HashMap<>();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                h.put(headers[i], List.of(headers[i + 1]));
            }
            return new Reply(status, h, body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final URI target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Reply> overrides = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    /** A forwarder without a server of its own (another loopback server hands it requests). */
    public RegistryProxy(URI target) {
        this.target = target;
    }

    /** A forwarder listening on a free loopback port. */
    public static RegistryProxy start(URI target) {
        RegistryProxy proxy = new RegistryProxy(target);
        try {
            proxy.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the registry proxy on loopback", e);
        }
        proxy.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "registry-proxy");
            t.setDaemon(true);
            return t;
        });
        proxy.server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                send(exchange, proxy.exchange(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body));
            }
        });
        proxy.server.setExecutor(proxy.executor);
        proxy.server.start();
        return proxy;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, {@code method path} (e.g. {@code GET /v2/app/manifests/v1}) is answered with this, not forwarded. */
    public void override(String method, String path, Reply reply) {
        overrides.put(method + " " + path, reply);
    }

    /** Requests seen with this method whose path has this endpoint segment ({@code manifests}, {@code blobs}, …). */
    public int count(String method, String endpoint) {
        AtomicInteger n = counts.get(method + " " + endpoint);
        return n == null ? 0 : n.get();
    }

    /** Every request seen. */
    public int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Answers one request: an override where one is set, else the real registry's answer. */
    public Reply exchange(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) throws IOException {
        counts.computeIfAbsent(method + " " + endpoint(rawPath), k -> new AtomicInteger()).incrementAndGet();
        Reply override = overrides.get(method + " " + rawPath);
        if (override != null) {
            return override;
        }
        URI uri = URI.create(target + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("authorization")) {
                values.forEach(v -> b.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> out = new HashMap<>();
            r.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    out.put(name, values);
                }
            });
            String location = r.headers().firstValue("Location").orElse(null);
            if (location != null && location.startsWith(target.toString())) {
                out.put("Location", List.of(location.substring(target.toString().length())));
            }
            return new Reply(r.statusCode(), out, r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
    }

    /** Writes a reply to an exchange (no body for HEAD). */
    public static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        boolean noBody = reply.body() == null || reply.body().length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    private static String endpoint(String path) {
        for (String e : List.of("/manifests/", "/blobs/", "/tags/", "/_catalog")) {
            if (path.contains(e)) {
                return e.replace("/", "");
            }
        }
        return "other";
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
