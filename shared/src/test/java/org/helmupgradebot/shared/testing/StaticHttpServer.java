package org.helmupgradebot.shared.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 serving files by path, for tests: Helm repositories' index.yaml
 * and the like. Each path can be given a fault instead (a status, a truncated body, a delay).
 */
public final class StaticHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Function<HttpExchange, Response>> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    /** What to answer. {@code truncateAt} >= 0 sends the full Content-Length but closes after that many bytes. */
    public record Response(int status, Map<String, String> headers, byte[] body, int truncateAt, long delayMillis) {
        public static Response ok(byte[] body) {
            return new Response(200, Map.of("Content-Type", "application/x-yaml"), body, -1, 0);
        }

        public static Response status(int status, String body, Map<String, String> headers) {
            return new Response(status, headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), -1, 0);
        }
    }

    public StaticHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Serves a file's bytes at {@code path} (read on each request, so large files stream from disk). */
    public StaticHttpServer file(String path, Path file) {
        routes.put(path, ex -> {
            try {
                return Response.ok(Files.readAllBytes(file));
            } catch (IOException e) {
                return Response.status(500, e.toString(), Map.of());
            }
        });
        return this;
    }

    public StaticHttpServer respond(String path, Response response) {
        routes.put(path, ex -> response);
        return this;
    }

    public StaticHttpServer respond(String path, Function<HttpExchange, Response> handler) {
        routes.put(path, handler);
        return this;
    }

    /** Every request path seen, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public long count(String path) {
        return requests.stream().filter(path::equals).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(path);
        try (ex; InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
            Function<HttpExchange, Response> route = routes.get(path);
            Response r = route == null ? Response.status(404, "404 page not found\n", Map.of()) : route.apply(ex);
            if (r.delayMillis() > 0) {
                Thread.sleep(r.delayMillis());
            }
            r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(r.status(), head ? -1 : (r.body().length == 0 ? -1 : r.body().length));
            if (!head && r.body().length > 0) {
                OutputStream out = ex.getResponseBody();
                int n = r.truncateAt() >= 0 ? Math.min(r.truncateAt(), r.body().length) : r.body().length;
                out.write(r.body(), 0, n);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
