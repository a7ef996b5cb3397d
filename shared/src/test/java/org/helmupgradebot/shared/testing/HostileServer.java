package org.helmupgradebot.shared.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A server on loopback that misbehaves on purpose, for the tests of the HTTP layer's promises: routes by
 * path prefix to scripted answers (redirects, challenges, endless pages or bodies, drips) and records what
 * every request carried, so a test can assert from the outside which host got which credentials.
 */
public final class HostileServer implements AutoCloseable {
    /** One request as the server saw it. */
    public record Seen(String method, String target, String authorization) {}

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Map.Entry<String, Handler>> routes = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private HostileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", ex -> {
            try (ex) {
                seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(),
                        ex.getRequestHeaders().getFirst("Authorization")));
                String path = ex.getRequestURI().getPath();
                for (Map.Entry<String, Handler> route : routes) {
                    if (path.startsWith(route.getKey())) {
                        route.getValue().handle(ex);
                        return;
                    }
                }
                json(404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\"}]}").handle(ex);
            } catch (IOException clientGone) {
                // the client hung up (a deadline or a cap): that is the point of most of these answers
            }
        });
        server.start();
    }

    public static HostileServer start() {
        try {
            return new HostileServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback", e);
        }
    }

    /** Answers requests whose path starts with {@code prefix} (first match wins, in the order added). */
    public HostileServer on(String prefix, Handler handler) {
        routes.add(Map.entry(prefix, handler));
        return this;
    }

    /** E.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public URI uri(String path) {
        return URI.create(url() + path);
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The Authorization values the server received (null for a request without one). */
    public List<String> authorizations() {
        List<String> out = new ArrayList<>();
        seen.forEach(s -> out.add(s.authorization()));
        return out;
    }

    /** A fixed answer with headers given as name, value, name, value. */
    public static Handler json(int status, String body, String... headers) {
        return ex -> {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                ex.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        };
    }

    /** A redirect to {@code location}. */
    public static Handler redirect(int status, String location) {
        return json(status, "", "Location", location);
    }

    /** 200 and a body that never ends (chunked), {@code line} repeated. */
    public static Handler endless(String line) {
        return endless("", line);
    }

    /** 200 and a body that never ends (chunked): {@code head}, then {@code line} repeated. */
    public static Handler endless(String head, String line) {
        return ex -> {
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = line.repeat(Math.max(1, 8192 / Math.max(1, line.length()))).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(head.getBytes(StandardCharsets.UTF_8));
                while (true) {
                    out.write(chunk);
                }
            }
        };
    }

    /** 200 with a promised length, then one byte every {@code intervalMillis}. */
    public static Handler drip(long intervalMillis) {
        return ex -> {
            ex.sendResponseHeaders(200, 1_000_000);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 1_000_000; i++) {
                    out.write('#');
                    out.flush();
                    sleep(intervalMillis);
                }
            }
        };
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stopped");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * A port that accepts connections and never answers (it reads the request and keeps the connection
     * open), as a hung host does.
     */
    public static final class Silent implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        public Silent() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen on loopback", e);
            }
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-server");
            t.setDaemon(true);
            t.start();
        }

        public String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        /** Connections accepted so far. */
        public int accepted() {
            return held.size();
        }

        @Override
        public void close() {
            try {
                socket.close();
                for (Socket s : held) {
                    s.close();
                }
            } catch (IOException ignored) {
                // closing a test server
            }
        }
    }
}
