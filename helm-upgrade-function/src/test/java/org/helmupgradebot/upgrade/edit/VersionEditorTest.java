package org.helmupgradebot.upgrade.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.helmupgradebot.upgrade.manager.ChartDependencies;
import org.helmupgradebot.upgrade.manager.ImageTags;
import org.helmupgradebot.upgrade.manager.Pin;
import org.junit.jupiter.api.Test;

class VersionEditorTest {

    private static final String CHART = """
            dependencies:
              - name: plain
                version: 9.21.1
                repository: https://e.org
              - name: single
                version: '1.0.0'
                repository: https://e.org
              - name: double
                version: "2.0.0"
                repository: https://e.org
            """;

    private static Pin pin(int i) {
        return ChartDependencies.extract("Chart.yaml", CHART).get(i);
    }

    private static EditException refused(int pin, String newVersion) {
        return assertThrows(EditException.class,
                () -> VersionEditor.apply(CHART, List.of(new Replacement(pin(pin), newVersion))));
    }

    @Test
    void replacesOnlyTheSpanAndKeepsQuotes() {
        String out = VersionEditor.apply(CHART, List.of(
                new Replacement(pin(2), "2.1.0"), new Replacement(pin(0), "9.22.0"), new Replacement(pin(1), "1.0.1-rc.1")));
        assertEquals(CHART.replace("9.21.1", "9.22.0").replace("'1.0.0'", "'1.0.1-rc.1'").replace("\"2.0.0\"", "\"2.1.0\""), out);
    }

    @Test
    void anEmptyPlanChangesNothing() {
        assertEquals(CHART, VersionEditor.apply(CHART, List.of()));
    }

    @Test
    void refusesWhenTheSpanNoLongerHoldsTheOldVersion() {
        Pin stale = pin(0);
        String changed = CHART.replace("9.21.1", "9.21.2");
        EditException e = assertThrows(EditException.class,
                () -> VersionEditor.apply(changed, List.of(new Replacement(stale, "9.22.0"))));
        assertEquals("Chart.yaml: dependencies[0] (plain): expected '9.21.1' at characters " + stale.start() + ".."
                + stale.end() + " but found '9.21.2' (the file changed since extraction?)", e.getMessage());
        EditException past = assertThrows(EditException.class,
                () -> VersionEditor.apply("short", List.of(new Replacement(stale, "9.22.0"))));
        assertTrue(past.getMessage().contains("the end of the file"), past.getMessage());
    }

    @Test
    void refusesOverlappingSpans() {
        Pin p = pin(0);
        Pin inner = new Pin(p.kind(), "other", p.file(), "elsewhere", p.version().substring(2), p.repository(),
                p.start() + 2, p.end(), Optional.empty());
        EditException e = assertThrows(EditException.class, () -> VersionEditor.apply(CHART,
                List.of(new Replacement(p, "9.22.0"), new Replacement(inner, "22.0"))));
        assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
        EditException twice = assertThrows(EditException.class, () -> VersionEditor.apply(CHART,
                List.of(new Replacement(p, "9.22.0"), new Replacement(p, "9.23.0"))));
        assertTrue(twice.getMessage().contains("overlaps"), twice.getMessage());
    }

    @Test
    void refusesPlainValuesThatWouldNeedQuotes() {
        assertTrue(refused(0, "1.0: x").getMessage().contains("would need quotes"));
        assertTrue(refused(0, "1.0 #x").getMessage().contains("would need quotes"));
        assertTrue(refused(0, "1.0:").getMessage().contains("would need quotes"));
        assertTrue(refused(0, "[1.0]").getMessage().contains("starts with '['"));
        assertTrue(refused(0, "*1").getMessage().contains("starts with '*'"));
        assertTrue(refused(0, "@1").getMessage().contains("starts with '@'"));
        assertTrue(refused(0, "'1'").getMessage().contains("starts with"));
        assertTrue(refused(0, "1,2").getMessage().contains("would need quotes"));
        assertTrue(refused(0, " 1.0").getMessage().contains("would need quotes"));
    }

    @Test
    void refusesPlainValuesThatWouldChangeType() {
        EditException e = refused(0, "10");
        assertEquals("Chart.yaml: dependencies[0] (plain): cannot write '10' in place: '10' would read as "
                + "tag:yaml.org,2002:int instead of tag:yaml.org,2002:str unless quoted", e.getMessage());
        assertTrue(refused(0, "1.10").getMessage().contains("float"));
        assertTrue(refused(0, "true").getMessage().contains("bool"));
        assertTrue(refused(0, "null").getMessage().contains("null"));
    }

    @Test
    void quotedValuesTakeWhatPlainCannotButNotTheirOwnQuote() {
        String out = VersionEditor.apply(CHART, List.of(new Replacement(pin(1), "10"), new Replacement(pin(2), "1.0: x")));
        assertTrue(out.contains("version: '10'") && out.contains("version: \"1.0: x\""), out);
        assertTrue(refused(1, "it's").getMessage().contains("single-quoted"));
        assertTrue(refused(2, "a\"b").getMessage().contains("double-quoted"));
        assertTrue(refused(2, "a\\b").getMessage().contains("double-quoted"));
    }

    @Test
    void refusesLineBreaksAndEmptyVersions() {
        assertTrue(refused(1, "1.0\n  x: y").getMessage().contains("line break"));
        assertTrue(refused(2, "1.0\t").getMessage().contains("control character"));
        assertTrue(refused(0, "").getMessage().contains("empty"));
    }

    @Test
    void refusesSkippedPins() {
        String text = "dependencies:\n  - name: local\n    version: 0.1.0\n    repository: file://../x\n";
        Pin local = ChartDependencies.extract("Chart.yaml", text).get(0);
        EditException e = assertThrows(EditException.class,
                () -> VersionEditor.apply(text, List.of(new Replacement(local, "0.2.0"))));
        assertEquals("Chart.yaml: dependencies[0] (local): cannot edit a skipped pin (local chart (file://../x))", e.getMessage());
    }

    @Test
    void refusesPinsOfDifferentFiles() {
        Pin a = pin(0);
        Pin b = pin(2);
        Pin other = new Pin(b.kind(), b.name(), "other/Chart.yaml", b.location(), b.version(), b.repository(),
                b.start(), b.end(), b.skipReason());
        EditException e = assertThrows(EditException.class, () -> VersionEditor.apply(CHART,
                List.of(new Replacement(a, "9.22.0"), new Replacement(other, "2.1.0"))));
        assertTrue(e.getMessage().contains("mixes files"), e.getMessage());
    }

    @Test
    void imageTagsMustBeValidTagsAndMayBecomeNumbersInsideAReference() {
        String text = "a:\n  build_image: quay.io/o/r2d:2026.4.1.dev44-g97bb4e45a\nb:\n  image:\n    name: x/y\n    tag: v1\n";
        List<Pin> pins = ImageTags.extract("values.yaml", text, List.of("a.build_image", "b.image"));
        assertEquals("a:\n  build_image: quay.io/o/r2d:2027\nb:\n  image:\n    name: x/y\n    tag: v2\n",
                VersionEditor.apply(text, List.of(new Replacement(pins.get(0), "2027"), new Replacement(pins.get(1), "v2"))));
        EditException bad = assertThrows(EditException.class,
                () -> VersionEditor.apply(text, List.of(new Replacement(pins.get(0), "-x"))));
        assertTrue(bad.getMessage().contains("not a valid image tag"), bad.getMessage());
        EditException number = assertThrows(EditException.class,
                () -> VersionEditor.apply(text, List.of(new Replacement(pins.get(1), "2"))));
        assertTrue(number.getMessage().contains("int"), number.getMessage());
    }
}
