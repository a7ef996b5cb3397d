package org.helmupgradebot.upgrade.source;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of one Helm repository's {@code index.yaml} that a run needs: the entries of the
 * pinned charts only.
 *
 * @param location where the index came from (URL or file), for messages
 * @param charts chart name to its entries, for the charts that were asked for and are present
 */
public record HelmIndex(String location, Map<String, List<ChartEntry>> charts) {
    public HelmIndex {
        charts = Map.copyOf(charts);
    }

    /** The entries of one chart, or empty when the index does not have it. */
    public Optional<List<ChartEntry>> entries(String chart) {
        return Optional.ofNullable(charts.get(chart));
    }
}
