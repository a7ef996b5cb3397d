package org.helmupgradebot.upgrade.version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Chooses the version to bump a pin to, never a downgrade.
 *
 * <ul>
 *   <li><b>Stable stream</b> (a stable pin under {@code AUTO}, or any pin under {@code STABLE}): the
 *       candidates are the stable versions; the greatest by SemVer precedence is proposed when it is greater
 *       than the pin. So a prerelease pin under {@code STABLE} moves only to a stable release of its own
 *       core or a later one ({@code 4.0.0-beta.4} to {@code 4.0.0}, never to {@code 3.3.8}) and otherwise
 *       stays where it is: it is never moved to another prerelease.
 *   <li><b>Dev stream</b> (a prerelease or dev-build pin under {@code AUTO}, or any pin under
 *       {@code DEVEL}): the candidates are all versions whose core is not lower than the pin's. When every
 *       offered version carries a date (a Helm index) they are ordered by {@link PublishedOrder}: core, then
 *       the build counter within its stream, then {@code created} as an instant; without dates (registry tags)
 *       by {@link TagOrder}. The greatest is proposed when it is newer than the pin under that order, the pin
 *       placed by its own entry. When the pin has no entry, builds of the pin's own core are compared with it
 *       by {@link TagOrder}.
 *   <li>Every stream: the allowed range filters the candidates, {@code ignore} stops everything, a
 *       candidate with a lower core than the pin's or that is the pin itself is never proposed.
 *   <li>Offered strings that start like a version ({@code v} or a digit) but do not parse are reported in
 *       the selection; words such as {@code latest}, {@code main} or {@code sha-…} are silently not
 *       candidates.
 * </ul>
 */
public final class VersionSelector {

    private static final Pattern LOOKS_LIKE_VERSION = Pattern.compile("[vV]?\\d.*");

    /** One parsed candidate. */
    private record Offer(Version version, Optional<Instant> created) {}

    /** Decides what {@code pinned} should become, given what the source offers. */
    public Selection select(String pinned, List<Candidate> candidates, VersionPolicy policy) {
        if (policy.ignore()) {
            return new Selection(Selection.Outcome.IGNORED, Optional.empty(), "ignored by policy", List.of());
        }
        Optional<Version> parsedPin = Version.parse(pinned);
        if (parsedPin.isEmpty()) {
            return new Selection(Selection.Outcome.UNPARSEABLE_PIN, Optional.empty(),
                    "pin '" + pinned + "' is not a version", List.of());
        }
        Version pin = parsedPin.get();
        List<Offer> offers = new ArrayList<>();
        Set<String> unparseable = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            Optional<Version> v = Version.parse(c.version());
            if (v.isPresent()) {
                offers.add(new Offer(v.get(), c.created()));
            } else if (LOOKS_LIKE_VERSION.matcher(c.version()).matches()) {
                unparseable.add(c.version());
            }
        }
        List<String> bad = List.copyOf(unparseable);
        if (offers.isEmpty()) {
            return new Selection(Selection.Outcome.NO_CANDIDATES, Optional.empty(),
                    candidates.isEmpty() ? "no versions offered" : "no offered tag is a version", bad);
        }
        List<Offer> pool = offers.stream()
                .filter(o -> !isPin(o, pin, pinned))
                .filter(o -> o.version().compareCore(pin) >= 0)
                .filter(o -> policy.allowed().map(r -> r.contains(o.version())).orElse(true))
                .toList();
        boolean devStream = policy.prerelease() == Prerelease.DEVEL
                || (policy.prerelease() == Prerelease.AUTO && !pin.isStable());
        return devStream
                ? selectDev(pin, pinned, offers, pool, policy, bad)
                : selectStable(pin, pool, policy, bad);
    }

    private static Selection selectStable(Version pin, List<Offer> pool, VersionPolicy policy, List<String> bad) {
        Comparator<Offer> order = Comparator.comparing(Offer::version)
                .thenComparing(o -> o.created().orElse(Instant.MIN))
                .thenComparing(o -> o.version().original());
        Optional<Offer> best = pool.stream()
                .filter(o -> o.version().isStable())
                .filter(o -> o.version().compareTo(pin) > 0)
                .max(order);
        if (best.isPresent()) {
            String v = best.get().version().original();
            return new Selection(Selection.Outcome.BUMP, Optional.of(v), "newest stable " + v, bad);
        }
        String reason = pin.isStable()
                ? "pin " + pin + " is the newest stable"
                : "no stable release newer than pin " + pin;
        return new Selection(Selection.Outcome.CURRENT, Optional.empty(), reason + within(policy), bad);
    }

    private static Selection selectDev(Version pin, String pinned, List<Offer> offers, List<Offer> pool,
            VersionPolicy policy, List<String> bad) {
        Comparator<Offer> order;
        Optional<Offer> pinEntry = Optional.empty();
        if (offers.stream().allMatch(o -> o.created().isPresent())) {
            Map<Offer, PublishedOrder.Build> builds = new IdentityHashMap<>();
            offers.forEach(o -> builds.put(o, new PublishedOrder.Build(o.version(), o.created().orElseThrow())));
            order = Comparator.comparing(builds::get, PublishedOrder.of(builds.values()));
            pinEntry = offers.stream().filter(o -> isPin(o, pin, pinned)).max(order);
        } else {
            order = Comparator.comparing(Offer::version, TagOrder.INSTANCE);
        }
        Optional<Offer> pinDated = pinEntry;
        Optional<Offer> best = pool.stream()
                .filter(o -> newerThanPin(o, pin, pinDated, order))
                .max(order);
        if (best.isPresent()) {
            Offer o = best.get();
            String v = o.version().original();
            String when = o.created().map(t -> " (created " + t + ")").orElse("");
            return new Selection(Selection.Outcome.BUMP, Optional.of(v), "newest in the dev stream " + v + when, bad);
        }
        return new Selection(Selection.Outcome.CURRENT, Optional.empty(),
                "pin " + pin + " is newest in the dev stream" + within(policy), bad);
    }

    /** Newer than the pin: a higher core, or within its core later in the order (TagOrder when the pin has no entry). */
    private static boolean newerThanPin(Offer o, Version pin, Optional<Offer> pinEntry, Comparator<Offer> order) {
        int core = o.version().compareCore(pin);
        if (core != 0) {
            return core > 0;
        }
        return pinEntry.isPresent()
                ? order.compare(o, pinEntry.get()) > 0
                : TagOrder.compareWithinCore(o.version(), pin) > 0;
    }

    private static boolean isPin(Offer o, Version pin, String pinned) {
        return o.version().sameAs(pin) || o.version().original().equals(pinned);
    }

    private static String within(VersionPolicy policy) {
        return policy.allowed().map(r -> " allowed by " + r).orElse("");
    }
}
