package org.helmupgradebot.shared.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDK HttpServer on loopback that answers the n-th request with the n-th scripted step (the last repeats). */
final class ScriptedServer implements AutoCloseable {

    /** One scripted answer. */
    interface Step {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** What a request looked like, for assertions. */
    record Seen(String method, String path, String query, String authorization) {}

    private final HttpServer server;
    private final List<Step> steps;
    private final AtomicInteger count = new AtomicInteger();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    ScriptedServer(Step... steps) throws IOException {
        this.steps = List.of(steps);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            int n = count.getAndIncrement();
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders().getFirst("Authorization")));
            try {
                this.steps.get(Math.min(n, this.steps.size() - 1)).answer(ex);
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int port() {
        return server.getAddress().getPort();
    }

    int requests() {
        return count.get();
    }

    static Step status(int status, String body, String... headers) {
        return ex -> {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                ex.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
