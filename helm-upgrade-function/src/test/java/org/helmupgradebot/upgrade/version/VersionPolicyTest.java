package org.helmupgradebot.upgrade.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionPolicyTest {

    @Test
    void defaultFollowsThePinWithNoRangeAndIsNotIgnored() {
        assertEquals(Prerelease.AUTO, VersionPolicy.DEFAULT.prerelease());
        assertEquals(Optional.empty(), VersionPolicy.DEFAULT.allowed());
        assertFalse(VersionPolicy.DEFAULT.ignore());
    }

    @Test
    void withersChangeOneThingOnly() {
        VersionRange r = VersionRange.parse("<3.0.0");
        VersionPolicy p = VersionPolicy.DEFAULT.withAllowed(r).withPrerelease(Prerelease.DEVEL);
        assertEquals(new VersionPolicy(Prerelease.DEVEL, Optional.of(r), false), p);
        assertTrue(p.ignored().ignore());
        assertEquals(Prerelease.DEVEL, p.ignored().prerelease());
        assertEquals(Optional.of(r), p.ignored().allowed());
    }

    @Test
    void nullsAreRefused() {
        assertThrows(NullPointerException.class, () -> new VersionPolicy(null, Optional.empty(), false));
        assertThrows(NullPointerException.class, () -> new Candidate(null, Optional.empty()));
        assertThrows(NullPointerException.class, () -> new Candidate("1.0.0", null));
    }

    @Test
    void candidateFactories() {
        assertEquals(new Candidate("1.0.0", Optional.empty()), Candidate.tag("1.0.0"));
        Instant t = Instant.parse("2024-01-16T08:57:52.197841764Z");
        assertEquals(Optional.of(t), Candidate.published("2024.1.1", t).created());
    }
}
