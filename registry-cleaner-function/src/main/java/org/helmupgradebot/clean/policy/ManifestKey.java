package org.helmupgradebot.clean.policy;

import org.helmupgradebot.clean.inventory.ManifestRecord;

/** Identifies one manifest across the registry: the same digest may live in several repositories. */
public record ManifestKey(String repository, String digest) {
    public static ManifestKey of(ManifestRecord r) {
        return new ManifestKey(r.repository(), r.digest());
    }

    @Override
    public String toString() {
        return repository + "@" + digest;
    }
}
