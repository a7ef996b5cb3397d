package org.helmupgradebot.upgrade.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.helmupgradebot.shared.oci.ImageReference;
import org.helmupgradebot.upgrade.manager.Pin;
import org.helmupgradebot.upgrade.version.Candidate;

/**
 * Finds the versions on offer for a pin: from its Helm repository's index (fetched once per run for
 * all the charts pinned from it) or from its OCI registry's tag list (once per repository). The
 * prefetch looks hosts up concurrently (a bounded pool), so ten unreachable hosts cost about one
 * deadline, not ten; a failure is kept and raised for every pin that needs that source.
 */
public final class VersionLookup {
    private static final java.util.regex.Pattern GITHUB_REPO =
            java.util.regex.Pattern.compile("^https://github\\.com/([\\w.-]+)/([\\w.-]+?)(?:\\.git)?/?(?:[#?/].*)?$");

    /** Sources looked up at once during the prefetch. */
    static final int PARALLEL_LOOKUPS = 16;

    private final HelmRepositorySource helm;
    private final OciTagSource oci;
    private final Map<String, Object> indexes = new ConcurrentHashMap<>(); // URL -> HelmIndex or SourceException
    private final Map<String, Object> tagCache = new ConcurrentHashMap<>(); // host/repo -> List<String> or SourceException

    /** Versions on offer and, where known, the GitHub repository the chart or image is built from. */
    public record Offer(List<Candidate> candidates, Optional<String> sourceRepo) {
        public Offer {
            candidates = List.copyOf(candidates);
        }
    }

    public VersionLookup(HelmRepositorySource helm, OciTagSource oci) {
        this.helm = helm;
        this.oci = oci;
    }

    /**
     * Fetches every Helm index and tag list these pins need, once each and several at a time; failures are
     * kept and raised by {@link #offer}.
     */
    public void prefetch(Collection<Pin> pins) {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        Map<String, ImageReference> tagLists = new LinkedHashMap<>();
        for (Pin pin : pins) {
            if (!pin.checkable()) {
                continue;
            }
            if (pin.kind() == Pin.Kind.CHART && isHttp(pin.repository())) {
                wanted.computeIfAbsent(key(pin.repository()), k -> new TreeSet<>()).add(pin.name());
            } else {
                try {
                    ImageReference ref = pin.kind() == Pin.Kind.IMAGE ? ImageReference.parse(pin.name())
                            : pin.repository().startsWith("oci://") ? ociChart(pin.repository(), pin) : null;
                    if (ref != null) {
                        tagLists.putIfAbsent(ref.host() + "/" + ref.repository(), ref);
                    }
                } catch (RuntimeException notARegistryPin) {
                    // offer() reports it for this pin
                }
            }
        }
        List<Runnable> lookups = new ArrayList<>();
        wanted.forEach((url, charts) -> {
            if (!indexes.containsKey(url)) {
                lookups.add(() -> fetch(url, charts));
            }
        });
        tagLists.values().forEach(ref -> lookups.add(() -> tagsOrFailure(ref.host(), ref.repository())));
        runAll(lookups);
    }

    /** Runs the lookups on a bounded pool of daemon threads and waits for all of them. */
    private static void runAll(List<Runnable> lookups) {
        if (lookups.size() < 2) {
            lookups.forEach(Runnable::run);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_LOOKUPS, lookups.size()), r -> {
            Thread t = new Thread(r, "source-lookup");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            lookups.forEach(l -> running.add(pool.submit(l)));
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Each lookup keeps its own failure; anything else will surface again in offer().
        } finally {
            pool.shutdownNow();
        }
    }

    /** Fetches one index and keeps it, or keeps its failure to raise for every pin that needs it. */
    private void fetch(String url, Set<String> charts) {
        try {
            indexes.put(url, helm.fetch(url, charts));
        } catch (SourceException e) {
            indexes.put(url, e);
        }
    }

    /**
     * The versions on offer for one checkable pin.
     *
     * @throws SourceException when the source fails or does not have the chart or image
     */
    public Offer offer(Pin pin) {
        if (pin.kind() == Pin.Kind.IMAGE) {
            ImageReference image = ImageReference.parse(pin.name());
            return new Offer(tags(image.host(), image.repository()).stream().map(Candidate::tag).toList(), Optional.empty());
        }
        String repo = pin.repository();
        if (repo.startsWith("oci://")) {
            ImageReference chart = ociChart(repo, pin);
            // Helm stores '+' of a SemVer build as '_' in OCI tags.
            List<Candidate> tags = tags(chart.host(), chart.repository()).stream()
                    .map(t -> Candidate.tag(t.replace('_', '+'))).toList();
            return new Offer(tags, Optional.empty());
        }
        if (!isHttp(repo)) {
            throw new SourceException(pin.file() + ": " + pin.name() + ": unsupported repository '" + repo + "'");
        }
        HelmIndex index = index(repo, pin.name());
        List<ChartEntry> entries = index.entries(pin.name()).orElseThrow(() -> new SourceException(
                index.location() + ": chart '" + pin.name() + "' not found (pinned in " + pin.file() + ")"));
        List<Candidate> candidates = new ArrayList<>();
        for (ChartEntry e : entries) {
            candidates.add(new Candidate(e.version(), e.created()));
        }
        return new Offer(candidates, githubRepo(entries));
    }

    /** The OCI repository of a chart pinned from {@code oci://host/path}: {@code path/<chart>} on that host. */
    private static ImageReference ociChart(String repo, Pin pin) {
        String base = repo.endsWith("/") ? repo.substring(0, repo.length() - 1) : repo;
        try {
            return ImageReference.parseOci(base + "/" + pin.name());
        } catch (IllegalArgumentException e) {
            throw new SourceException(pin.file() + ": " + pin.name() + ": " + e.getMessage());
        }
    }

    private HelmIndex index(String repo, String chart) {
        String url = key(repo);
        if (!indexes.containsKey(url)) {
            fetch(url, Set.of(chart)); // not prefetched: fetched for this chart alone
        }
        Object cached = indexes.get(url);
        if (cached instanceof SourceException e) {
            throw new SourceException(e.getMessage(), e);
        }
        return (HelmIndex) cached;
    }

    /** The tag list, or the failure to raise for every pin that needs it; looked up once. */
    private Object tagsOrFailure(String host, String repository) {
        return tagCache.computeIfAbsent(host + "/" + repository, k -> {
            try {
                return oci.tags(host, repository);
            } catch (SourceException e) {
                return e;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private List<String> tags(String host, String repository) {
        Object cached = tagsOrFailure(host, repository);
        if (cached instanceof SourceException e) {
            throw new SourceException(e.getMessage(), e);
        }
        return (List<String>) cached;
    }

    /** The GitHub repository of the newest entry that names one in {@code sources} or {@code home}. */
    static Optional<String> githubRepo(List<ChartEntry> entries) {
        for (ChartEntry e : entries) {
            List<String> urls = new ArrayList<>(e.sources());
            e.home().ifPresent(urls::add);
            for (String u : urls) {
                java.util.regex.Matcher m = GITHUB_REPO.matcher(u);
                if (m.matches()) {
                    return Optional.of("https://github.com/" + m.group(1) + "/" + m.group(2));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isHttp(String repo) {
        return repo.startsWith("https://") || repo.startsWith("http://");
    }

    private static String key(String repo) {
        return repo.endsWith("/") ? repo : repo + "/";
    }
}
