package org.helmupgradebot.upgrade.edit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.helmupgradebot.upgrade.manager.ChartDependencies;
import org.helmupgradebot.upgrade.manager.Pin;
import org.helmupgradebot.upgrade.manager.PinExtractor;
import org.junit.jupiter.api.Test;

/** The verifier must catch edits that went wrong, so these tests hand it edits the editor would never make. */
class EditVerifierTest {

    private static final PinExtractor CHARTS = ChartDependencies::extract;
    private static final String BEFORE = """
            dependencies:
              - name: a
                version: 1.0.0 # keep
                repository: https://e.org
              - name: b
                version: 1.0.0
                repository: https://e.org
            """;

    private static List<Replacement> bumpB(String to) {
        Pin b = ChartDependencies.extract("Chart.yaml", BEFORE).get(1);
        return List.of(new Replacement(b, to));
    }

    /** The planned splice done by hand, without the editor's checks. */
    private static String splice(List<Replacement> plan) {
        Pin p = plan.get(0).pin();
        return BEFORE.substring(0, p.start()) + plan.get(0).newVersion() + BEFORE.substring(p.end());
    }

    @Test
    void acceptsTheEditorsOutput() {
        List<Replacement> plan = bumpB("1.1.0");
        assertDoesNotThrow(() -> EditVerifier.verify(BEFORE, VersionEditor.apply(BEFORE, plan), plan, CHARTS));
        assertDoesNotThrow(() -> EditVerifier.verify(BEFORE, BEFORE, List.of(), CHARTS));
    }

    @Test
    void catchesAChangeOutsideTheSpans() {
        List<Replacement> plan = bumpB("1.1.0");
        String after = splice(plan).replace("# keep", "# kept");
        EditException e = assertThrows(EditException.class, () -> EditVerifier.verify(BEFORE, after, plan, CHARTS));
        assertTrue(e.getMessage().startsWith("Chart.yaml: text outside the planned spans changed"), e.getMessage());
        String tail = splice(plan) + "\n";
        assertThrows(EditException.class, () -> EditVerifier.verify(BEFORE, tail, plan, CHARTS));
        assertThrows(EditException.class, () -> EditVerifier.verify(BEFORE, BEFORE + " ", List.of(), CHARTS));
    }

    @Test
    void catchesTheWrongPinChanged() {
        List<Replacement> plan = bumpB("1.1.0");
        Pin a = ChartDependencies.extract("Chart.yaml", BEFORE).get(0);
        String after = BEFORE.substring(0, a.start()) + "1.1.0" + BEFORE.substring(a.end());
        assertThrows(EditException.class, () -> EditVerifier.verify(BEFORE, after, plan, CHARTS));
    }

    @Test
    void catchesANewVersionThatYamlReadsDifferently() {
        // The editor refuses this; spliced anyway, YAML reads "1.1.0" and a comment, so the pin is not what was planned.
        List<Replacement> plan = bumpB("1.1.0 #x");
        EditException e = assertThrows(EditException.class, () -> EditVerifier.verify(BEFORE, splice(plan), plan, CHARTS));
        assertEquals("Chart.yaml: dependencies[1] (b): expected '1.1.0 #x' at character " + plan.get(0).pin().start()
                + " after the edit, found '1.1.0' at " + plan.get(0).pin().start(), e.getMessage());
    }

    @Test
    void catchesAnEditThatAddsAPin() {
        List<Replacement> plan = bumpB("1.1.0\n    repository: https://e.org\n  - name: c\n    version: 3.0.0");
        EditException e = assertThrows(EditException.class, () -> EditVerifier.verify(BEFORE, splice(plan), plan, CHARTS));
        assertTrue(e.getMessage().matches("Chart\\.yaml: (found 3 pins after the edit, 2 before|.*duplicate key.*)"),
                e.getMessage());
    }

    @Test
    void catchesAPlanForAPinThatIsNotInTheText() {
        Pin b = ChartDependencies.extract("Chart.yaml", BEFORE).get(1);
        Pin ghost = new Pin(b.kind(), "ghost", b.file(), b.location(), b.version(), b.repository(), b.start(), b.end(),
                b.skipReason());
        List<Replacement> plan = List.of(new Replacement(ghost, "1.1.0"));
        EditException e = assertThrows(EditException.class,
                () -> EditVerifier.verify(BEFORE, VersionEditor.apply(BEFORE, plan), plan, CHARTS));
        assertTrue(e.getMessage().contains("not in the text before the edit"), e.getMessage());
    }
}
