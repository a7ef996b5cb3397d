package org.helmupgradebot.shared.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.OciRegistryClient;

/**
 * A real OCI registry for tests: Debian's {@code /usr/bin/docker-registry} (distribution 2.8) on a free
 * 127.0.0.1 port, filesystem storage in a temp folder, deletion enabled. Skips the calling test when the
 * binary is absent. {@link #close()} stops it and removes its storage.
 */
public final class DockerRegistryServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final Path dir;
    private final Path config;
    private final Path storage;
    private final Path log;
    private final int port;
    private final Process process;
    private final RetryingHttpClient http;

    private DockerRegistryServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.config = dir.resolve("config.yml");
        this.storage = dir.resolve("storage");
        this.log = dir.resolve("registry.log");
        this.port = port;
        this.process = process;
        this.http = new RetryingHttpClient(testOptions());
    }

    /** Quick retries and short timeouts: a loopback registry answers at once or not at all. */
    public static HttpOptions testOptions() {
        return HttpOptions.defaults().withMaxAttempts(3).withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .withConnectTimeout(Duration.ofSeconds(2)).withRequestTimeout(Duration.ofSeconds(30));
    }

    /** True when the docker-registry binary is installed here. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts a fresh registry; skips the calling test (JUnit assumption) when the binary is absent. */
    public static DockerRegistryServer start() {
        return start(true);
    }

    /** Starts a fresh registry with {@code storage.delete.enabled} as given (false: DELETE answers 405). */
    public static DockerRegistryServer start(boolean deleteEnabled) {
        assumeTrue(available(), BINARY + " not found (Debian package docker-registry): registry test skipped");
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return startOnce(deleteEnabled);
            } catch (IllegalStateException portRace) {
                last = portRace;
            }
        }
        throw last;
    }

    private static DockerRegistryServer startOnce(boolean deleteEnabled) {
        Path dir;
        try {
            dir = Files.createTempDirectory("docker-registry-");
            Files.createDirectories(dir.resolve("storage"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp folder for docker-registry", e);
        }
        int port = freePort();
        try {
            Files.writeString(dir.resolve("config.yml"), configYaml(dir.resolve("storage"), port, deleteEnabled));
            Process p = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("registry.log").toFile())
                    .start();
            DockerRegistryServer server = new DockerRegistryServer(dir, port, p);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            deleteTree(dir);
            throw new UncheckedIOException("cannot start " + BINARY, e);
        } catch (IllegalStateException e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static String configYaml(Path storage, int port, boolean deleteEnabled) {
        return String.join("\n",
                "version: 0.1",
                "log:",
                "  level: error",
                "  accesslog:",
                "    disabled: true",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + storage,
                "  delete:",
                "    enabled: " + deleteEnabled,
                "http:",
                "  addr: 127.0.0.1:" + port,
                "  secret: loopback-test-only",
                "");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        OciRegistryClient probe = new OciRegistryClient(baseUrl(),
                new RetryingHttpClient(testOptions().withMaxAttempts(1), d -> { }, Clock.systemUTC()));
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                if (probe.ping()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // Not listening yet.
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("docker-registry did not answer /v2/ within " + STARTUP + ": " + logTail());
    }

    /** E.g. {@code http://127.0.0.1:40123}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The storage root ({@code storage.filesystem.rootdirectory}). */
    public Path storageRoot() {
        return storage;
    }

    public Path configFile() {
        return config;
    }

    /** The HTTP client behind {@link #client()} (its request counter included). */
    public RetryingHttpClient http() {
        return http;
    }

    /** A client for this registry with the default page size. */
    public OciRegistryClient client() {
        return new OciRegistryClient(baseUrl(), http);
    }

    /** A client with a small page size, to exercise pagination. */
    public OciRegistryClient client(int pageSize) {
        return new OciRegistryClient(baseUrl(), http, Optional.empty(), pageSize);
    }

    /**
     * Runs {@code docker-registry garbage-collect <config>} ({@code --delete-untagged} when asked) and
     * returns its output. Note: distribution 2.8's {@code --delete-untagged} also removes the untagged
     * children of an index, so measure deletions without it.
     */
    public String garbageCollect(boolean deleteUntagged) {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "garbage-collect"));
        if (deleteUntagged) {
            cmd.add("--delete-untagged");
        }
        cmd.add(config.toString());
        try {
            Process gc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = gc.getInputStream().readAllBytes();
            if (!gc.waitFor(120, TimeUnit.SECONDS)) {
                gc.destroyForcibly();
                throw new IllegalStateException("docker-registry garbage-collect did not finish in 120 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (gc.exitValue() != 0) {
                throw new IllegalStateException("docker-registry garbage-collect exited with " + gc.exitValue()
                        + ": " + text.lines().reduce((a, b) -> b).orElse(""));
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run docker-registry garbage-collect", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during garbage-collect", e);
        }
    }

    /** Bytes in the blob store ({@code docker/registry/v2/blobs}): what the registry really keeps on disk. */
    public long diskUsageBytes() {
        Path blobs = storage.resolve("docker/registry/v2/blobs");
        if (!Files.isDirectory(blobs)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + blobs, e);
        }
    }

    /** The last lines the registry logged, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp folder is harmless.
        }
    }
}
