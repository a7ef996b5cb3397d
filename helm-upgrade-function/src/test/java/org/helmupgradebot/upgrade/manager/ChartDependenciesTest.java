package org.helmupgradebot.upgrade.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartDependenciesTest {

    private static void assertSpansHoldVersions(String text, List<Pin> pins) {
        for (Pin p : pins) {
            assertEquals(p.version(), text.substring(p.start(), p.end()), p.location());
        }
    }

    @Test
    void readsPlainSingleAndDoubleQuotedVersionsInsideTheQuotes() {
        String text = """
                apiVersion: v2
                name: demo
                version: 0.1.0
                dependencies:
                  - name: a
                    version: 1.2.3 # a comment
                    repository: https://example.org/charts
                  - name: b
                    version: '2.0.0-0.dev.git.1.habc'
                    repository: oci://ghcr.io/org/charts
                  - name: c
                    version: "3.1.4"
                    repository: "https://example.org/c/"
                """;
        List<Pin> pins = ChartDependencies.extract("Chart.yaml", text);
        assertEquals(List.of("a", "b", "c"), pins.stream().map(Pin::name).toList());
        assertEquals(List.of("1.2.3", "2.0.0-0.dev.git.1.habc", "3.1.4"), pins.stream().map(Pin::version).toList());
        assertEquals(List.of("https://example.org/charts", "oci://ghcr.io/org/charts", "https://example.org/c/"),
                pins.stream().map(Pin::repository).toList());
        assertEquals(List.of("dependencies[0]", "dependencies[1]", "dependencies[2]"),
                pins.stream().map(Pin::location).toList());
        assertTrue(pins.stream().allMatch(Pin::checkable));
        assertTrue(pins.stream().allMatch(p -> p.kind() == Pin.Kind.CHART));
        assertSpansHoldVersions(text, pins);
        assertEquals('\'', text.charAt(pins.get(1).start() - 1));
        assertEquals('"', text.charAt(pins.get(2).end()));
    }

    @Test
    void spansAreCharIndexesAfterBomAndCharactersOutsideTheBmp() {
        // SnakeYAML counts code points (and the BOM): each emoji below is two Java chars.
        String text = "\uFEFFname: \"d\uD83E\uDD0D\"\ndescription: \uD834\uDD1E music \uD83C\uDF89\n"
                + "dependencies:\n  - name: x\n    version: \"9.8.7\"\n    repository: https://e.org\n"
                + "  - {name: y, version: 1.0.0, repository: 'oci://r.io/c'}\n";
        List<Pin> pins = ChartDependencies.extract("Chart.yaml", text);
        assertEquals(2, pins.size());
        assertEquals(text.indexOf("9.8.7"), pins.get(0).start());
        assertEquals(text.indexOf("1.0.0"), pins.get(1).start());
        assertSpansHoldVersions(text, pins);
    }

    @Test
    void readsFlowStyleDependencies() {
        String text = "dependencies: [{name: x, version: 1.0.0, repository: https://a.org}, "
                + "{name: y, version: \"2.0.0\", repository: 'oci://b.io/c'}]\n";
        List<Pin> pins = ChartDependencies.extract("Chart.yaml", text);
        assertEquals(List.of("x", "y"), pins.stream().map(Pin::name).toList());
        assertSpansHoldVersions(text, pins);
        assertEquals(text.indexOf("1.0.0"), pins.get(0).start());
    }

    @Test
    void localAliasAndTemplatedPinsCarryAReason() {
        String text = """
                dependencies:
                  - name: local
                    version: 0.1.0
                    repository: file://../basehub
                  - name: at
                    version: 1.0.0
                    repository: "@stable"
                  - name: colon
                    version: 1.0.0
                    repository: alias:stable
                  - name: templated
                    version: "{{ .Values.v }}"
                    repository: https://e.org
                  - name: vendored
                    version: 2.0.0
                  - name: good
                    version: 3.0.0
                    repository: https://e.org
                """;
        List<Pin> pins = ChartDependencies.extract("Chart.yaml", text);
        assertEquals(6, pins.size());
        assertTrue(pins.get(0).skipReason().orElseThrow().contains("file://../basehub"));
        assertTrue(pins.get(1).skipReason().orElseThrow().contains("@stable"));
        assertTrue(pins.get(2).skipReason().orElseThrow().contains("alias:stable"));
        assertTrue(pins.get(3).skipReason().orElseThrow().contains("templated"));
        assertTrue(pins.get(4).skipReason().orElseThrow().contains("no repository"));
        assertTrue(pins.get(5).checkable());
        assertSpansHoldVersions(text, pins);
    }

    @Test
    void anAliasedVersionIsSkippedBecauseItsTextLivesElsewhere() {
        String text = """
                dependencies:
                  - name: a
                    version: &v 1.0.0
                    repository: https://e.org
                  - name: b
                    version: *v
                    repository: https://e.org
                """;
        List<Pin> pins = ChartDependencies.extract("Chart.yaml", text);
        assertTrue(pins.get(0).checkable(), "the anchored value itself is editable");
        assertEquals(text.indexOf("1.0.0"), pins.get(0).start());
        assertTrue(pins.get(1).skipReason().orElseThrow().contains("alias"));
    }

    @Test
    void escapedOrFoldedVersionsAreSkipped() {
        String text = "dependencies:\n  - name: a\n    version: \"1.0\\x2e0\"\n    repository: https://e.org\n";
        Pin pin = ChartDependencies.extract("Chart.yaml", text).get(0);
        assertEquals("1.0.0", pin.version());
        assertTrue(pin.skipReason().orElseThrow().contains("escapes"));
    }

    @Test
    void aDependencyWithoutVersionIsAnErrorWithFileLineAndColumn() {
        String text = "apiVersion: v2\ndependencies:\n  - name: a\n    repository: https://e.org\n";
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ChartDependencies.extract("charts/x/Chart.yaml", text));
        assertEquals("charts/x/Chart.yaml:3:5: dependencies[0] (a) has no version", e.getMessage());
    }

    @Test
    void aDependencyWithoutNameIsAnError() {
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ChartDependencies.extract("Chart.yaml", "dependencies:\n- version: 1.0.0\n"));
        assertEquals("Chart.yaml:2:3: dependencies[0] has no name", e.getMessage());
    }

    @Test
    void malformedYamlIsAOneLineErrorWithPosition() {
        String text = "dependencies:\n  - name: a\n    version: 1.0.0\n   bad: [\n";
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ChartDependencies.extract("Chart.yaml", text));
        assertTrue(e.getMessage().matches("Chart\\.yaml:\\d+:\\d+: invalid YAML: .+"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void anUnquotedTemplateIsAnErrorThatSaysToQuoteIt() {
        String text = "dependencies:\n  - name: a\n    version: {{ .Values.v }}\n    repository: https://e.org\n";
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ChartDependencies.extract("Chart.yaml", text));
        assertTrue(e.getMessage().startsWith("Chart.yaml:3:14: "), e.getMessage());
        assertTrue(e.getMessage().contains("must be quoted"), e.getMessage());
    }

    @Test
    void dependenciesThatAreNotAListAreAnError() {
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ChartDependencies.extract("Chart.yaml", "dependencies:\n  name: a\n"));
        assertEquals("Chart.yaml:2:3: 'dependencies' should be a list, found a mapping", e.getMessage());
    }

    @Test
    void aDuplicateVersionKeyIsAnError() {
        String text = "dependencies:\n  - name: a\n    version: 1.0.0\n    version: 2.0.0\n    repository: https://e.org\n";
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ChartDependencies.extract("Chart.yaml", text));
        assertEquals("Chart.yaml:4:5: duplicate key 'version'", e.getMessage());
    }

    @Test
    void aBillionLaughsDocumentFailsFast() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(p);
            }
            bomb.append("]\n");
        }
        bomb.append("dependencies: []\n");
        ExtractionException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThrows(ExtractionException.class, () -> ChartDependencies.extract("Chart.yaml", bomb.toString())));
        assertTrue(e.getMessage().startsWith("Chart.yaml: invalid YAML: "), e.getMessage());
        assertTrue(e.getMessage().contains("aliases"), e.getMessage());
    }

    @Test
    void aHugeDocumentIsRefused() {
        String text = "dependencies: []\n# " + "x".repeat(YamlTree.CODE_POINT_LIMIT) + "\n";
        ExtractionException e = assertThrows(ExtractionException.class, () -> ChartDependencies.extract("Chart.yaml", text));
        assertTrue(e.getMessage().startsWith("Chart.yaml: too large for a config file"), e.getMessage());
    }

    @Test
    void noDependenciesAndEmptyFilesGiveNoPins() {
        assertEquals(List.of(), ChartDependencies.extract("Chart.yaml", "apiVersion: v2\nname: x\n"));
        assertEquals(List.of(), ChartDependencies.extract("Chart.yaml", ""));
        assertEquals(List.of(), ChartDependencies.extract("Chart.yaml", "# only a comment\n"));
        assertEquals(List.of(), ChartDependencies.extract("Chart.yaml", "dependencies:\n"));
    }

    @Test
    void aTopLevelListIsAnError() {
        ExtractionException e = assertThrows(ExtractionException.class,
                () -> ChartDependencies.extract("Chart.yaml", "- a\n- b\n"));
        assertEquals("Chart.yaml:1:1: expected a mapping at the top level, found a list", e.getMessage());
    }

    @Test
    void crlfLineEndsKeepSpansExact() {
        String text = "dependencies:\r\n  - name: a\r\n    version: 1.0.0 # c\r\n    repository: https://e.org\r\n"
                + "  - name: b\r\n    version: '2.0.0'\r\n    repository: https://e.org\r\n";
        List<Pin> pins = ChartDependencies.extract("Chart.yaml", text);
        assertEquals(2, pins.size());
        assertSpansHoldVersions(text, pins);
        assertEquals(text.indexOf("2.0.0"), pins.get(1).start());
    }

    @Test
    void aTabBetweenAQuotedVersionAndItsCommentIsAClearErrorNotAGuess() {
        // SnakeYAML reads YAML 1.1, which does not allow a tab there; the file is refused with its place.
        String text = "dependencies:\n  - name: a\n    version: '1.0.0'\t# c\n    repository: https://e.org\n";
        ExtractionException e = assertThrows(ExtractionException.class, () -> ChartDependencies.extract("Chart.yaml", text));
        assertTrue(e.getMessage().startsWith("Chart.yaml:3:21: invalid YAML: "), e.getMessage());
    }

    @Test
    void versionRangesAreNotPins() {
        String text = """
                dependencies:
                  - {name: a, version: "~1.2.3", repository: https://e.org}
                  - {name: b, version: ">=1.0.0 <2.0.0", repository: https://e.org}
                  - {name: c, version: 1.2.x, repository: https://e.org}
                  - {name: d, version: "^2.0", repository: https://e.org}
                  - {name: e, version: 1.0.0-0.dev.git.3361.h6ba80cf, repository: https://e.org}
                  - {name: f, version: 0.2.0-n988.h72e1852, repository: https://e.org}
                """;
        List<Pin> pins = ChartDependencies.extract("Chart.yaml", text);
        for (int i = 0; i < 4; i++) {
            assertTrue(pins.get(i).skipReason().orElseThrow().contains("range"), pins.get(i).name());
        }
        assertTrue(pins.get(4).checkable());
        assertTrue(pins.get(5).checkable());
    }
}
