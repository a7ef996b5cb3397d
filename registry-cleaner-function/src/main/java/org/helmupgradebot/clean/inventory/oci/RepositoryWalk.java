package org.helmupgradebot.clean.inventory.oci;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    private final BoundedParallel parallel;

    RepositoryWalk(OciRegistryClient client, String repository, BoundedParallel parallel) {
        this.client = client;
        this.repository = repository;
        this.parallel = parallel;
    }

    List<ManifestRecord> records() {
        Map<String, Manifest> manifests = new LinkedHashMap<>();
        Map<String, TreeSet<String>> tags = new LinkedHashMap<>();
        List<String> tagList = new ArrayList<>(client.listTags(repository).orElse(List.of()));
        tagList.sort(null);
        List<Optional<Manifest>> byTag = parallel.map(tagList, tag -> client.getManifest(repository, tag));
        for (int i = 0; i < tagList.size(); i++) {
            // A tag deleted between the list and its GET is simply no longer there.
            String tag = tagList.get(i);
            byTag.get(i).ifPresent(m -> {
                manifests.putIfAbsent(m.digest(), m);
                tags.computeIfAbsent(m.digest(), d -> new TreeSet<>()).add(tag);
            });
        }

        Map<String, ParsedManifest> parsed = new LinkedHashMap<>();
        Map<String, List<String>> problems = new HashMap<>();
        List<String> level = new ArrayList<>(manifests.keySet());
        while (!level.isEmpty()) {
            LinkedHashSet<String> wanted = new LinkedHashSet<>();
            Map<String, String> parentOf = new HashMap<>();
            for (String digest : level) {
                ParsedManifest p = ParsedManifest.of(manifests.get(digest));
                parsed.put(digest, p);
                for (Descriptor child : p.children()) {
                    if (!manifests.containsKey(child.digest()) && wanted.add(child.digest())) {
                        parentOf.put(child.digest(), digest);
                    }
                }
            }
            List<String> wantedList = List.copyOf(wanted);
            List<Optional<Manifest>> children = parallel.map(wantedList, d -> client.getManifest(repository, d));
            level = new ArrayList<>();
            for (int i = 0; i < wantedList.size(); i++) {
                String digest = wantedList.get(i);
                if (children.get(i).isPresent()) {
                    manifests.put(digest, children.get(i).get());
                    level.add(digest);
                } else {
                    problems.computeIfAbsent(parentOf.get(digest), d -> new ArrayList<>())
                            .add("child manifest " + digest + " is missing from the registry");
                }
            }
        }

        List<Descriptor> configs = parsed.values().stream().filter(ParsedManifest::hasImageConfig)
                .map(p -> p.config().get()).distinct().toList();
        List<ConfigCreated.Result> dates = parallel.map(configs, this::createdOf);
        Map<String, ConfigCreated.Result> createdByConfig = new HashMap<>();
        for (int i = 0; i < configs.size(); i++) {
            createdByConfig.put(configs.get(i).digest(), dates.get(i));
        }

        List<ManifestRecord> rows = new ArrayList<>();
        for (Map.Entry<String, ParsedManifest> e : parsed.entrySet()) {
            rows.add(record(manifests.get(e.getKey()), e.getValue(),
                    List.copyOf(tags.getOrDefault(e.getKey(), new TreeSet<>())),
                    new ArrayList<>(problems.getOrDefault(e.getKey(), List.of())), createdByConfig));
        }
        return rows;
    }

    private ManifestRecord record(Manifest m, ParsedManifest p, List<String> tags, List<String> problems,
            Map<String, ConfigCreated.Result> createdByConfig) {
        p.problem().ifPresent(problems::add);
        long size = m.bytes().length;
        Map<String, Long> blobs = new LinkedHashMap<>();
        Optional<Instant> created = Optional.empty();
        if (p.config().isPresent()) {
            Descriptor config = p.config().get();
            size += config.size();
            blobs.put(config.digest(), config.size());
            for (Descriptor layer : p.layers()) {
                size += layer.size();
                blobs.put(layer.digest(), layer.size());
            }
            if (p.hasImageConfig()) {
                ConfigCreated.Result c = createdByConfig.get(config.digest());
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
        return client.getBlob(repository, config.digest())
                .map(bytes -> ConfigCreated.read(bytes, config.digest()))
                .orElseGet(() -> new ConfigCreated.Result(Optional.empty(),
                        Optional.of("config blob " + config.digest() + " is missing from the registry")));
    }
}
