package org.helmupgradebot.clean.e2e;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.helmupgradebot.clean.policy.ManifestKey;
import org.helmupgradebot.shared.oci.OciRegistryClient;
import org.helmupgradebot.shared.testing.DockerRegistryServer;

/**
 * What a registry holds, read directly (never through a proxy under test): the catalog, every tag list,
 * which of the given manifests still resolve by digest, and the bytes in the blob store.
 */
record RegistryState(List<String> catalog, Map<String, List<String>> tags, Set<ManifestKey> resolving,
        long diskBytes) {

    static RegistryState read(DockerRegistryServer registry, Collection<ManifestKey> manifests) {
        OciRegistryClient client = registry.client();
        List<String> catalog = client.catalog();
        Map<String, List<String>> tags = new TreeMap<>();
        for (String repository : catalog) {
            tags.put(repository, List.copyOf(new TreeSet<>(client.listTags(repository).orElse(List.of()))));
        }
        Set<ManifestKey> resolving = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        for (ManifestKey key : manifests) {
            if (client.getManifest(key.repository(), key.digest()).isPresent()) {
                resolving.add(key);
            }
        }
        return new RegistryState(catalog, tags, Set.copyOf(resolving), registry.diskUsageBytes());
    }
}
