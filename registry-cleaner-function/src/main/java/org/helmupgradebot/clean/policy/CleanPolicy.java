package org.helmupgradebot.clean.policy;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What the user asked to clean.
 *
 * @param maxAgeDays delete images older than this many days (by last update, else created); empty: no age rule
 * @param keepTags a manifest with a tag matching any of these (whole tag) is kept
 * @param keepNewest the newest this many images of each repository are kept
 * @param untaggedOnly only untagged manifests may be deleted
 * @param sizeCapBytes aggressive mode: after the age pass, delete the largest deletable images until under this
 */
public record CleanPolicy(
        OptionalInt maxAgeDays, List<Pattern> keepTags, int keepNewest, boolean untaggedOnly, OptionalLong sizeCapBytes) {

    public CleanPolicy {
        keepTags = List.copyOf(keepTags);
        if (keepNewest < 0) {
            throw new IllegalArgumentException("--keep must not be negative, got " + keepNewest);
        }
        if (maxAgeDays.isPresent() && maxAgeDays.getAsInt() < 0) {
            throw new IllegalArgumentException("--max-age-days must not be negative, got " + maxAgeDays.getAsInt());
        }
    }

    /** Nothing deleted: no age rule, no cap. */
    public static CleanPolicy keepEverything() {
        return new CleanPolicy(OptionalInt.empty(), List.of(), 0, false, OptionalLong.empty());
    }
}
