import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.upgrade.wiring.UpgradeJobs;
import org.helmupgradebot.upgrade.config.BotConfig;
import org.helmupgradebot.upgrade.config.ConfigLoader;
import org.helmupgradebot.upgrade.plan.UpgradePlan;

/**
 * In-process upgrade plan against one Helm index served over loopback HTTP: the whole engine
 * (fetch, stream-parse, select, edit, verify), timed warm; prints the median and the peak heap.
 *
 * Usage: PlanBench INDEX_FILE CHART_DIR RUNS [http|folder]: the index over loopback HTTP (default), or
 * read from a mirror folder (the engine alone, without a web server in the same process).
 */
public final class PlanBench {
    public static void main(String[] args) throws Exception {
        Path index = Path.of(args[0]);
        Path chartDir = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        boolean folder = args.length > 3 && args[3].equals("folder");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/repo/index.yaml", ex -> {
            ex.sendResponseHeaders(200, Files.size(index));
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(index, out);
            }
        });
        server.start();
        String yaml = """
                targets:
                  - name: bench
                    dir: %s
                    charts: [Chart.yaml]
                mirrors:
                  https://jupyterhub.github.io/helm-chart/: %s
                """.formatted(chartDir, folder ? index.toAbsolutePath().getParent().toString()
                        : "http://127.0.0.1:" + server.getAddress().getPort() + "/repo/");
        BotConfig config = new ConfigLoader(UpgradeJobs.RANGE_CHECK).parse(yaml, "bench.yaml", chartDir);

        // Warm-up: a fifth of the runs (at least 5), so that the JIT has settled before the timed ones.
        int warmup = Math.min(Math.max(5, runs / 5), runs - 1);
        List<Double> ms = new ArrayList<>();
        UpgradePlan last = null;
        for (int i = 0; i < runs; i++) {
            if (i == warmup) {
                resetPeaks();
            }
            long t0 = System.nanoTime();
            last = UpgradeJobs.local(config, true, Optional.empty(), org.helmupgradebot.shared.http.HttpOptions.defaults()).plan();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        server.stop(0);
        if (last.anyFailed()) {
            throw new IllegalStateException("plan failed: " + last.targets().get(0).errors());
        }
        List<Double> warm = new ArrayList<>(ms.subList(warmup, runs));
        Collections.sort(warm);
        System.out.printf("index=%s via=%s size=%.1fMB runs=%d first=%.1fms warm-median=%.1fms warm-min=%.1fms"
                        + " peak-heap=%.1fMB max-heap=%.0fMB bumps=%d%n",
                index.getFileName(), folder ? "folder" : "http", Files.size(index) / 1e6, runs, ms.get(0), warm.get(warm.size() / 2),
                warm.get(0), peakHeap() / 1e6, Runtime.getRuntime().maxMemory() / 1e6,
                last.targets().get(0).bumps().size());
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peak usage since the last reset (an upper bound of live heap at any time). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
