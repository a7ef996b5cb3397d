package org.helmupgradebot.upgrade.version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orders dated builds (the entries of a Helm index): by core, then by the build counter within its stream,
 * then by {@code created} as an instant.
 *
 * <p>A build's counter says which builds of its stream it contains ({@link BuildCounter}): CI may publish
 * {@code …3437.h81a3428} six minutes after {@code …3439.h5c05e7a}, but 3439 is the newer code. So each
 * counted build is placed at the latest {@code created} among the builds of its core and stream with a
 * counter not above its own (its "reach"); builds without a counter are placed at their own
 * {@code created}. Two builds of one stream with different counters then compare by counter, equal counters
 * and builds from different streams (counters restart with every tag: {@code 0.9.0-beta.3.n100} is older
 * than {@code 0.9.0-n012}) by {@code created}, and the whole is a total order because it is a sort by key:
 * core, reach, counter, {@code created}, then {@link TagOrder} on the text.
 */
final class PublishedOrder implements Comparator<PublishedOrder.Build> {

    /** One dated build. */
    record Build(Version version, Instant created) {}

    /** Where a build sits: its reach and its count (-1 without a counter). */
    private record Place(Instant reach, long count) {}

    private final Map<Build, Place> places = new IdentityHashMap<>();

    private PublishedOrder(Collection<Build> builds) {
        Map<List<Object>, List<Build>> streams = new HashMap<>();
        Map<Build, Long> counts = new IdentityHashMap<>();
        for (Build b : builds) {
            Optional<BuildCounter> counter = BuildCounter.of(b.version());
            if (counter.isPresent()) {
                counts.put(b, counter.get().count());
                streams.computeIfAbsent(List.of(b.version().core(), counter.get().stream()), k -> new ArrayList<>())
                        .add(b);
            } else {
                places.put(b, new Place(b.created(), -1));
            }
        }
        for (List<Build> stream : streams.values()) {
            stream.sort(Comparator.comparing(counts::get));
            Instant latest = Instant.MIN;
            for (int i = 0; i < stream.size(); ) {
                long count = counts.get(stream.get(i));
                int j = i;
                while (j < stream.size() && counts.get(stream.get(j)) == count) {
                    latest = max(latest, stream.get(j++).created());
                }
                for (; i < j; i++) {
                    places.put(stream.get(i), new Place(latest, count));
                }
            }
        }
    }

    /** The order of {@code builds}; it compares exactly these instances. */
    static PublishedOrder of(Collection<Build> builds) {
        return new PublishedOrder(builds);
    }

    @Override
    public int compare(Build a, Build b) {
        int c = a.version().compareCore(b.version());
        if (c == 0) {
            c = place(a).reach().compareTo(place(b).reach());
        }
        if (c == 0) {
            c = Long.compare(place(a).count(), place(b).count());
        }
        if (c == 0) {
            c = a.created().compareTo(b.created());
        }
        return c != 0 ? c : TagOrder.INSTANCE.compare(a.version(), b.version());
    }

    private Place place(Build b) {
        Place p = places.get(b);
        if (p == null) {
            throw new IllegalArgumentException(b + " was not among the builds this order was made of");
        }
        return p;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
