package org.helmupgradebot.upgrade.source;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One chart version offered by a Helm repository's {@code index.yaml}.
 *
 * @param name chart name
 * @param version the version exactly as the index spells it
 * @param created when it was published, as an instant; empty when absent or unparseable
 * @param home the chart's {@code home} URL, if any
 * @param sources the chart's {@code sources} URLs (used for compare links)
 */
public record ChartEntry(String name, String version, Optional<Instant> created, Optional<String> home,
        List<String> sources) {
    public ChartEntry {
        sources = List.copyOf(sources);
    }
}
