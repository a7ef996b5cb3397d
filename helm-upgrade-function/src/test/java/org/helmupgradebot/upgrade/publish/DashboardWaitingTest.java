package org.helmupgradebot.upgrade.publish;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.helmupgradebot.upgrade.manager.Pin;
import org.helmupgradebot.upgrade.plan.PlanRow;
import org.junit.jupiter.api.Test;

/** Versions held back (minimumReleaseAge, major: ignore) are listed on the dashboard with why, not as pending bumps. */
class DashboardWaitingTest {

    @Test
    void waitingVersionsHaveTheirOwnSection() {
        Pin pin = new Pin(Pin.Kind.CHART, "jupyterhub", "Chart.yaml", "dependencies[0]", "3.3.7",
                "https://charts.example.org/", 10, 15, Optional.empty());
        Instant until = Instant.parse("2026-06-12T12:00:00Z");
        PlanRow waiting = new PlanRow(pin, PlanRow.Action.WAITING, Optional.of("3.3.8"),
                "3.3.8 waits until 2026-06-12T12:00:00Z (minimumReleaseAge 3d)", Optional.empty(), false,
                Optional.empty(), Optional.empty(), Optional.of(until));
        String body = DashboardText.body(new DashboardText.State("hub", "example/hub", List.of(waiting), List.of(),
                java.util.Map.of(), List.of(), Instant.parse("2026-06-10T12:00:00Z")), Optional.empty());
        assertTrue(body.contains("## Waiting\n\n| name | file | current | waiting | why |"), body);
        assertTrue(body.contains("| jupyterhub | `Chart.yaml` | `3.3.7` | `3.3.8` | 3.3.8 waits until 2026-06-12T12:00:00Z"
                + " (minimumReleaseAge 3d) |"), body);
        assertTrue(body.contains("## Pending bumps\n\nNone"), "a waiting version is not pending: " + body);

        String none = DashboardText.body(new DashboardText.State("hub", "example/hub", List.of(), List.of(),
                java.util.Map.of(), List.of(), Instant.parse("2026-06-10T12:00:00Z")), Optional.empty());
        assertFalse(none.contains("## Waiting"), none);
    }
}
