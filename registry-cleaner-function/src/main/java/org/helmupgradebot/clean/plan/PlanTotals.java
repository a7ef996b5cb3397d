package org.helmupgradebot.clean.plan;

import java.util.OptionalLong;

/**
 * The plan's byte accounting.
 *
 * @param images manifests in the inventory
 * @param bytesNaive sum of every manifest's reported size (counts shared layers again for each image)
 * @param bytesUnique each blob counted once
 * @param bytesFreed unique bytes the deletions free (blobs no kept manifest uses)
 * @param bytesAfter {@code bytesUnique - bytesFreed}
 * @param cap the size cap, if any
 * @param estimate true when some sizes came from reported image sizes, not blobs
 */
public record PlanTotals(
        int images, long bytesNaive, long bytesUnique, long bytesFreed, long bytesAfter, OptionalLong cap,
        boolean estimate) {}
