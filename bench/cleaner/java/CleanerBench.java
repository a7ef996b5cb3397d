import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.helmupgradebot.clean.inventory.Inventory;
import org.helmupgradebot.clean.inventory.InventoryCollector;
import org.helmupgradebot.clean.inventory.acr.AcrRegistryBackend;
import org.helmupgradebot.clean.inventory.oci.OciRegistryBackend;
import org.helmupgradebot.clean.testing.AcrStandIn;
import org.helmupgradebot.shared.http.HttpOptions;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.testing.RegistrySeeder;
import org.helmupgradebot.shared.testing.RegistrySeeder.Layer;
import org.helmupgradebot.shared.testing.RegistrySeeder.SeededImage;

/**
 * Cleaner inventory benchmark against a running registry.
 *
 * <pre>
 * CleanerBench seed URL REPOS PER_REPO OUT_FILE    seeds REPOS x PER_REPO tagged images (8 threads), writes
 *                                                  one manifest path and one config blob path to OUT_FILE,
 *                                                  and every manifest and config path to OUT_FILE.mix
 * CleanerBench inventory URL CONCURRENCY PARALLELISM RUNS
 *                                                  the cleaner's InventoryCollector over OciRegistryBackend:
 *                                                  one warm-up, then RUNS timed; prints the median
 * CleanerBench backends URL CONCURRENCY PARALLELISM
 *                                                  one inventory through each backend after a warm-up: OCI
 *                                                  straight at the registry, ACR through the ACR stand-in in
 *                                                  front of it (sign-in, /acr/v1, /v2/); prints per backend
 *                                                  rows, requests, requests per manifest, credential calls,
 *                                                  exchanges, access tokens and time
 * </pre>
 */
public final class CleanerBench {
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[1]);
        if (args[0].equals("seed")) {
            seed(url, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
        } else if (args[0].equals("backends")) {
            backends(url, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            inventory(url, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        }
    }

    private static OciRegistryClient client(URI url) {
        return new OciRegistryClient(url, new RetryingHttpClient(HttpOptions.defaults()));
    }

    private static void seed(URI url, int repos, int perRepo, Path out) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<SeededImage>>> perRepoImages = new ArrayList<>();
        OciRegistryClient client = client(url);
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        for (int r = 0; r < repos; r++) {
            String repo = String.format("bench/repo-%02d", r);
            long seed = r;
            perRepoImages.add(pool.submit(() -> {
                RegistrySeeder seeder = new RegistrySeeder(client, seed);
                Layer layer = seeder.layer(2048);
                List<SeededImage> images = new ArrayList<>();
                for (int i = 0; i < perRepo; i++) {
                    images.add(seeder.image(repo, base.plusSeconds(3600L * i), List.of(layer), "v" + i));
                }
                return images;
            }));
        }
        List<SeededImage> all = new ArrayList<>();
        for (Future<List<SeededImage>> f : perRepoImages) {
            all.addAll(f.get());
        }
        SeededImage first = all.get(0);
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("seeded %d manifests over %d repositories in %.1f s (%d requests)%n",
                repos * perRepo, repos, seconds, client.requestCount());
        Files.writeString(out, "/v2/" + first.repository() + "/manifests/" + first.tags().get(0) + "\n"
                + "/v2/" + first.repository() + "/blobs/" + first.configDigest() + "\n");
        // Every GET the inventory makes for the images (a tag's manifest, then its config), for wrk's mix.
        StringBuilder mix = new StringBuilder();
        for (SeededImage img : all) {
            mix.append("/v2/").append(img.repository()).append("/manifests/").append(img.tags().get(0)).append('\n');
            mix.append("/v2/").append(img.repository()).append("/blobs/").append(img.configDigest()).append('\n');
        }
        Files.writeString(Path.of(out + ".mix"), mix);
    }

    private static void backends(URI url, int concurrency, int parallelism) throws Exception {
        InventoryCollector collector = new InventoryCollector(concurrency, Clock.systemUTC());
        collector.collect(new OciRegistryBackend(client(url), parallelism));
        OciRegistryClient oci = client(url);
        long start = System.nanoTime();
        Inventory inventory = collector.collect(new OciRegistryBackend(oci, parallelism));
        long ociMs = (System.nanoTime() - start) / 1_000_000;
        line("oci", inventory.records().size(), oci.requestCount(), "-", "-", "-", ociMs);

        try (AcrStandIn acr = new AcrStandIn(url)) {
            acr.adoptExisting();
            collector.collect(acrBackend(acr, parallelism));
            acr.resetCounts();
            AcrRegistryBackend backend = acrBackend(acr, parallelism);
            start = System.nanoTime();
            inventory = collector.collect(backend);
            long acrMs = (System.nanoTime() - start) / 1_000_000;
            line("acr (stand-in)", inventory.records().size(), acr.total(), String.valueOf(acr.credentialCalls()),
                    String.valueOf(acr.count("exchange")), String.valueOf(acr.count("token")), acrMs);
        }
    }

    private static AcrRegistryBackend acrBackend(AcrStandIn acr, int parallelism) {
        return AcrRegistryBackend.create(acr.endpoint().toString(), acr.credential(), null,
                new RetryingHttpClient(HttpOptions.defaults()), AcrRegistryBackend.DEFAULT_PAGE_SIZE,
                AcrRegistryBackend.DEFAULT_PAGE_SIZE, parallelism);
    }

    private static void line(String backend, int rows, long requests, String credentialCalls, String exchanges,
            String tokens, long ms) {
        System.out.printf("%-16s %6d %9d %9.2f %11s %9s %7s %8d%n", backend, rows, requests,
                rows == 0 ? 0.0 : (double) requests / rows, credentialCalls, exchanges, tokens, ms);
    }

    private static void inventory(URI url, int concurrency, int parallelism, int runs) {
        long[] millis = new long[runs];
        long requests = 0;
        int rows = 0;
        for (int run = -1; run < runs; run++) {
            OciRegistryClient client = client(url);
            InventoryCollector collector = new InventoryCollector(concurrency, Clock.systemUTC());
            long start = System.nanoTime();
            Inventory inventory = collector.collect(new OciRegistryBackend(client, parallelism));
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (run >= 0) {
                millis[run] = ms;
                requests = client.requestCount();
                rows = inventory.records().size();
            }
        }
        Arrays.sort(millis);
        // One machine-readable line for run.sh: rows requests median_ms min_ms max_ms
        System.out.printf("%d %d %d %d %d%n", rows, requests, millis[runs / 2], millis[0], millis[runs - 1]);
    }
}
