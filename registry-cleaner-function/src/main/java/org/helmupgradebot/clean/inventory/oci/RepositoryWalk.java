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
import java.util.OptionalLong;
import org.helmupgradebot.clean.inventory.ByteSizes;
import org.helmupgradebot.clean.inventory.ManifestRecord;
import org.helmupgradebot.shared.oci.DigestMismatchException;
import org.helmupgradebot.shared.oci.Manifest;
import org.helmupgradebot.shared.oci.OciRegistryClient;

/**
 * Inventories one repository through the distribution API: tags → digests (a HEAD each) → manifests (one GET and
 * one row per digest, with all its tags), then the children of every index as rows of their own, with sizes,
 * blobs and the config {@code created}. A body that does not hash to its digest gives an unreadable row, kept.
 * Untagged manifests that no index references cannot be listed by this API.
 */
final class RepositoryWalk {
    /** The problem of a manifest whose blob sizes are out of range. */
    private static final String SIZE_OUT_OF_RANGE =
            "size unknown: a blob size is out of range (negative, or the sum passes 2^63 bytes)";

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
        // Each tag's digest from a HEAD; each digest's body once, however many tags point at it.
        List<Optional<String>> digestOfTag = parallel.map(tagList, tag -> client.manifestDigest(repository, tag));
        for (int i = 0; i < tagList.size(); i++) {
            // A tag deleted between the list and its HEAD is simply no longer there.
            String tag = tagList.get(i);
            digestOfTag.get(i).ifPresent(d -> tags.computeIfAbsent(d, k -> new TreeSet<>()).add(tag));
        }
        List<String> tagged = List.copyOf(tags.keySet());
        List<Fetched> bodies = parallel.map(tagged, this::fetch);
        Map<String, ManifestRecord> untrusted = new LinkedHashMap<>();
        for (int i = 0; i < tagged.size(); i++) {
            String digest = tagged.get(i);
            Fetched f = bodies.get(i);
            if (f.manifest().isEmpty() && f.mismatch().isEmpty()) {
                // The digest a HEAD named is not here: ask by tag, whose body is checked against the header.
                f = fetch(tags.get(digest).first());
                if (f.manifest().isPresent() && !f.manifest().get().digest().equals(digest)) {
                    // The tag moved since the HEAD: it belongs to the digest its body proved.
                    String moved = f.manifest().get().digest();
                    tags.computeIfAbsent(moved, k -> new TreeSet<>()).addAll(tags.remove(digest));
                    manifests.putIfAbsent(moved, f.manifest().get());
                    continue;
                }
            }
            Fetched fetched = f;
            fetched.manifest().ifPresent(m -> manifests.put(digest, m));
            fetched.mismatch().ifPresent(e -> untrusted.put(digest, untrusted(digest, List.copyOf(tags.get(digest)), e)));
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
                    if (!manifests.containsKey(child.digest()) && !untrusted.containsKey(child.digest())
                            && wanted.add(child.digest())) {
                        parentOf.put(child.digest(), digest);
                    }
                }
            }
            List<String> wantedList = List.copyOf(wanted);
            List<Fetched> children = parallel.map(wantedList, this::fetch);
            level = new ArrayList<>();
            for (int i = 0; i < wantedList.size(); i++) {
                String digest = wantedList.get(i);
                if (children.get(i).manifest().isPresent()) {
                    manifests.put(digest, children.get(i).manifest().get());
                    level.add(digest);
                } else if (children.get(i).mismatch().isPresent()) {
                    untrusted.put(digest, untrusted(digest, List.of(), children.get(i).mismatch().get()));
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

        List<ManifestRecord> rows = new ArrayList<>(untrusted.values());
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
            blobs.putAll(p.blobs());
            OptionalLong parts = p.blobBytes();
            OptionalLong total = parts.isPresent() ? ByteSizes.sum(size, parts.getAsLong()) : OptionalLong.empty();
            if (total.isPresent()) {
                size = total.getAsLong();
            } else {
                size = ManifestRecord.SIZE_UNKNOWN;
                problems.add(SIZE_OUT_OF_RANGE);
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

    /** A manifest fetched by digest or tag: its verified body, or why it is not trusted; both empty when it is gone. */
    private record Fetched(Optional<Manifest> manifest, Optional<DigestMismatchException> mismatch) {}

    private Fetched fetch(String reference) {
        try {
            return new Fetched(client.getManifest(repository, reference), Optional.empty());
        } catch (DigestMismatchException e) {
            return new Fetched(Optional.empty(), Optional.of(e));
        }
    }

    /** The row of a manifest whose body does not hash to its digest: nothing in it is trusted, so it is kept. */
    private ManifestRecord untrusted(String digest, List<String> tags, DigestMismatchException e) {
        return new ManifestRecord(repository, digest, tags, "", Optional.empty(), Optional.empty(),
                ManifestRecord.SIZE_UNKNOWN, true, true, List.of(), Optional.empty(), Map.of(),
                List.of(ParsedManifest.untrusted(e)));
    }

    private ConfigCreated.Result createdOf(Descriptor config) {
        return client.getBlob(repository, config.digest())
                .map(bytes -> ConfigCreated.read(bytes, config.digest()))
                .orElseGet(() -> new ConfigCreated.Result(Optional.empty(),
                        Optional.of("config blob " + config.digest() + " is missing from the registry")));
    }
}
