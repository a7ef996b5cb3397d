package org.helmupgradebot.upgrade.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.helmupgradebot.shared.testing.Fixtures;

/**
 * Micro-benchmark of the index readers: warm timings (median of 25 runs after 15 warm-up runs, input
 * in memory) on a real index, and peak heap while reading a large generated one. Not a unit test; run
 * it with a small heap to show the bound, e.g. {@code java -Xmx64m -XX:+UseSerialGC -cp <test-classpath>
 * org.helmupgradebot.upgrade.source.HelmIndexBench [index.yaml] [generated-MB] [generated-file]}.
 * Peak heap is given two ways: the sum of the heap pools' peaks after a forced-GC baseline (exact with
 * the serial collector, an upper bound since pools peak at different moments; it counts garbage not yet
 * collected) and the highest used heap seen by a 1 ms sampler.
 */
public final class HelmIndexBench {
    private static final int WARMUP = 15;
    private static final int RUNS = 25;

    public static void main(String[] args) throws IOException {
        Path index = args.length > 0 ? Path.of(args[0])
                : Fixtures.find().orElseThrow(() -> new IllegalStateException("fixtures not found; pass an index"))
                        .resolve("helm-index/jupyterhub-helm-chart-index.yaml");
        double megabytes = args.length > 1 ? Double.parseDouble(args[1]) : 50;
        Path generated = args.length > 2 ? Path.of(args[2]) : Files.createTempFile("helm-index-bench-", ".yaml");

        byte[] bytes = Files.readAllBytes(index);
        Set<String> all = chartNames(bytes);
        Set<String> plan = Set.of("binderhub", "jupyterhub");
        System.out.printf(Locale.ROOT, "%s: %d bytes, charts %s; max heap %d MB, GC %s%n", index, bytes.length, all,
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(g -> g.getName()).toList());
        HelmIndexParser parser = new HelmIndexParser();
        HelmIndexScanner scanner = new HelmIndexScanner();
        HelmIndexReader reader = new HelmIndexReader();
        for (Set<String> wanted : List.of(plan, all)) {
            time("parser  " + wanted, () -> parser.parse(new ByteArrayInputStream(bytes), "b", wanted));
            time("scanner " + wanted, () -> scanner.scan(new ByteArrayInputStream(bytes), "b", wanted).orElseThrow());
            time("reader  " + wanted, () -> reader.read(new ByteArrayInputStream(bytes), "b", wanted));
        }

        boolean made = !Files.exists(generated) || Files.size(generated) == 0;
        List<String> charts = made ? IndexGenerator.write(generated, (long) (megabytes * 1024 * 1024), 42)
                : chartNames(generated);
        Set<String> some = Set.of(charts.get(0), charts.get(charts.size() / 2), charts.get(charts.size() - 1));
        System.out.printf(Locale.ROOT, "%s: %d bytes, %d charts, wanted %s%n", generated, Files.size(generated),
                charts.size(), some);
        heap("scanner (file stream)", () -> {
            try (InputStream in = Files.newInputStream(generated)) {
                return scanner.scan(in, "g", some).orElseThrow();
            }
        });
        heap("reader  (stream, recorded/spilled)", () -> {
            try (InputStream in = Files.newInputStream(generated)) {
                return reader.read(in, "g", some);
            }
        });
        heap("reader  (path)", () -> reader.read(generated, some));
        heap("parser  (file stream)", () -> {
            try (InputStream in = Files.newInputStream(generated)) {
                return parser.parse(in, "g", some);
            }
        });
        if (made && args.length <= 2) {
            Files.delete(generated);
        }
    }

    interface Read {
        HelmIndex run() throws IOException;
    }

    private static void time(String label, Read read) throws IOException {
        for (int i = 0; i < WARMUP; i++) {
            read.run();
        }
        double[] ms = new double[RUNS];
        int entries = 0;
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            HelmIndex index = read.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            entries = index.charts().values().stream().mapToInt(List::size).sum();
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "  %-60s median %7.2f ms  min %7.2f ms  (%d entries)%n", label,
                ms[RUNS / 2], ms[0], entries);
    }

    /** Heap high-water mark while reading, over a baseline taken after forced collections. */
    private static void heap(String label, Read read) throws IOException {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long[] sampled = {baseline};
        Thread sampler = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                sampled[0] = Math.max(sampled[0], rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long t0 = System.nanoTime();
        HelmIndex index = read.run();
        double ms = (System.nanoTime() - t0) / 1e6;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Sum of per-pool peaks: an upper bound of the true peak (pools peak at different moments).
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        int entries = index.charts().values().stream().mapToInt(List::size).sum();
        System.out.printf(Locale.ROOT, "  %-36s peak heap %5.1f MB by pools, %5.1f MB sampled (baseline %4.1f MB)"
                + "  %7.1f ms  (%d entries)%n", label, peak / 1048576.0, sampled[0] / 1048576.0, baseline / 1048576.0,
                ms, entries);
    }

    /** Chart names of a large file, read line by line (the file may not fit a small heap). */
    private static List<String> chartNames(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.matches("  [A-Za-z0-9._-]+:")).map(l -> l.substring(2, l.length() - 1)).toList();
        }
    }

    private static Set<String> chartNames(byte[] bytes) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^  ([A-Za-z0-9._-]+):$").matcher(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
