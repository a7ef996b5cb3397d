package org.helmupgradebot.clean.inventory.oci;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.shared.oci.Manifest;
import org.helmupgradebot.shared.oci.OciRegistryClient;

/**
 * Inventories one repository through the distribution API: tags → manifests (one row per digest,
 * all its tags), then the children of every index as rows of their own, with sizes, blobs and the
 * config {@code created}. Untagged manifests that no index references cannot be listed by this API.
 */
final class RepositoryWalk {
    private final OciRegistryClient client;
    private final String repository;
    private final Map<String, ConfigCreated.Result> createdByConfig = new HashMap<>();

    RepositoryWalk(OciRegistryClient client, String repository) {
        this.client = client;
        this.repository = repository;
    }

    List<ManifestRecord> records() {
        Map<String, Manifest> manifests = new LinkedHashMap<>();
        Map<String, TreeSet<String>> tags = new LinkedHashMap<>();
        Map<String, List<String>> extraProblems = new HashMap<>();
        List<String> tagList = new ArrayList<>(client.listTags(repository).orElse(List.of()));
        tagList.sort(null);
        for (String tag : tagList) {
            // A tag deleted between the list and this GET is simply no longer there.
            client.getManifest(repository, tag).ifPresent(m -> {
                manifests.putIfAbsent(m.digest(), m);
                tags.computeIfAbsent(m.digest(), d -> new TreeSet<>()).add(tag);
            });
        }
        Deque<String> pending = new ArrayDeque<>(manifests.keySet());
        Map<String, ParsedManifest> parsed = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            String digest = pending.poll();
            ParsedManifest p = ParsedManifest.of(manifests.get(digest));
            parsed.put(digest, p);
            for (Descriptor child : p.children()) {
                if (manifests.containsKey(child.digest())) {
                    continue;
                }
                Optional<Manifest> fetched = client.getManifest(repository, child.digest());
                if (fetched.isPresent()) {
                    manifests.put(child.digest(), fetched.get());
                    pending.add(child.digest());
                } else {
                    extraProblems.computeIfAbsent(digest, d -> new ArrayList<>())
                            .add("child manifest " + child.digest() + " is missing from the registry");
                }
            }
        }
        List<ManifestRecord> rows = new ArrayList<>();
        for (Map.Entry<String, ParsedManifest> e : parsed.entrySet()) {
            List<String> problems = new ArrayList<>(extraProblems.getOrDefault(e.getKey(), List.of()));
            rows.add(record(manifests.get(e.getKey()), e.getValue(),
                    List.copyOf(tags.getOrDefault(e.getKey(), new TreeSet<>())), problems));
        }
        return rows;
    }

    private ManifestRecord record(Manifest m, ParsedManifest p, List<String> tags, List<String> problems) {
        p.problem().ifPresent(problems::add);
        long size = m.bytes().length;
        Map<String, Long> blobs = new LinkedHashMap<>();
        Optional<java.time.Instant> created = Optional.empty();
        if (p.config().isPresent()) {
            Descriptor config = p.config().get();
            size += config.size();
            blobs.put(config.digest(), config.size());
            for (Descriptor layer : p.layers()) {
                size += layer.size();
                blobs.put(layer.digest(), layer.size());
            }
            if (p.hasImageConfig()) {
                ConfigCreated.Result c = createdOf(config);
                created = c.created();
                c.problem().ifPresent(problems::add);
            } else {
                problems.add("no created date: config media type '" + config.mediaType() + "' is not an image config");
            }
        }
        List<String> children = p.children().stream().map(Descriptor::digest).toList();
        return new ManifestRecord(repository, m.digest(), tags, m.mediaType(), created, Optional.empty(), size,
                true, true, children, p.subject(), blobs, problems);
    }

    private ConfigCreated.Result createdOf(Descriptor config) {
        return createdByConfig.computeIfAbsent(config.digest(), d -> client.getBlob(repository, d)
                .map(bytes -> ConfigCreated.read(bytes, d))
                .orElseGet(() -> new ConfigCreated.Result(Optional.empty(),
                        Optional.of("config blob " + d + " is missing from the registry"))));
    }
}
