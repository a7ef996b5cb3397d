package org.helmupgradebot.clean.e2e;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a real registry that injects faults: a share of requests is answered
 * with 500 or 429 ({@code Retry-After: 0} or {@code 1}), some only after the request was forwarded (the
 * registry acted, the answer was lost), and every request gets a little latency. Which request faults
 * is decided by a seeded random drawn from the request line and how often that line was seen, so a run
 * is reproducible whatever the thread interleaving.
 */
final class FaultInjectingProxy implements AutoCloseable {
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final URI target;
    private final long seed;
    private final double faultRate;
    private final int maxLatencyMillis;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger faults = new AtomicInteger();
    private final AtomicInteger lostAnswers = new AtomicInteger();

    FaultInjectingProxy(URI target, long seed, double faultRate, int maxLatencyMillis) {
        this.target = target;
        this.seed = seed;
        this.faultRate = faultRate;
        this.maxLatencyMillis = maxLatencyMillis;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the fault proxy on loopback", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int requests() {
        return requests.get();
    }

    /** Requests answered with an injected 500/429. */
    int faults() {
        return faults.get();
    }

    /** Of those, requests the registry did execute before the proxy replaced its answer. */
    int lostAnswers() {
        return lostAnswers.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String line = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            int nth = seen.computeIfAbsent(line, k -> new AtomicInteger()).incrementAndGet();
            Random random = new Random(seed * 31 + line.hashCode() * 17L + nth);
            sleep(random.nextInt(maxLatencyMillis + 1));
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (random.nextDouble() < faultRate) {
                faults.incrementAndGet();
                if (random.nextInt(3) == 0) {
                    lostAnswers.incrementAndGet();
                    forward(exchange, body);
                }
                fault(exchange, random);
                return;
            }
            HttpResponse<byte[]> response = forward(exchange, body);
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            send(exchange, response.statusCode(), response.body());
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        URI uri = URI.create(target + exchange.getRequestURI().toString());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
    }

    private void fault(HttpExchange exchange, Random random) throws IOException {
        boolean tooMany = random.nextBoolean();
        exchange.getResponseHeaders().put("Content-Type", List.of("text/plain"));
        if (tooMany) {
            exchange.getResponseHeaders().put("Retry-After", List.of(random.nextBoolean() ? "0" : "1"));
        }
        send(exchange, tooMany ? 429 : 500,
                ("injected " + (tooMany ? "429 Too Many Requests" : "500 Internal Server Error"))
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
