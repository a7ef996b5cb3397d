package org.helmupgradebot.shared.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FunctionInvocationTest {
    @Test
    void readsIsPastDueFromTheTimerJson() {
        assertTrue(FunctionInvocation.isPastDue("{\"Schedule\":{\"AdjustForDST\":true},\"IsPastDue\": true}"));
        assertFalse(FunctionInvocation.isPastDue("{\"Schedule\":{\"AdjustForDST\":true},\"IsPastDue\":false}"));
        assertFalse(FunctionInvocation.isPastDue(null));
    }

    @Test
    void aBlobFailureFailsTheInvocationAfterTheReportWasLogged() {
        RecordingLogger log = new RecordingLogger("t");
        FunctionInvocation.SinkFactory broken = (s, c) -> Optional.of(r -> {
            throw new ReportSinkException("report container https://a.blob.core.windows.net/r: could not write 'x.md': HTTP 500");
        });
        FunctionInvocation inv = new FunctionInvocation("helm-upgrade", "UPGRADE_DRY_RUN",
                Map.of("REPORT_CONTAINER_URL", "https://a.blob.core.windows.net/r"), broken);
        JobFailedException e = assertThrows(JobFailedException.class, () -> inv.run("{}", log.logger(),
                setup -> () -> new JobReport("helm-upgrade", 0, "all up to date", "md", "{}")));
        assertEquals("helm-upgrade: report container https://a.blob.core.windows.net/r: could not write 'x.md': HTTP 500",
                e.getMessage());
        assertTrue(log.lines().contains("INFO all up to date"), log.text());
    }
}
