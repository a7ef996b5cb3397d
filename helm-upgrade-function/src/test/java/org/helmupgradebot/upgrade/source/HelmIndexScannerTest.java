package org.helmupgradebot.upgrade.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.helmupgradebot.shared.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The scanner must give exactly HelmIndexParser's answer, or give up so that the reader falls back. */
class HelmIndexScannerTest {
    private static final HelmIndexParser PARSER = new HelmIndexParser();
    private static final HelmIndexScanner SCANNER = new HelmIndexScanner();
    private static final HelmIndexReader READER = new HelmIndexReader();
    private static final Pattern CHART_LINE = Pattern.compile("(?m)^  ([A-Za-z0-9._-]+):$");

    // ---- real indexes ----

    @ParameterizedTest
    @ValueSource(strings = {"jupyterhub-helm-chart-index.yaml", "dask-helm-chart-index.yaml", "ingress-nginx-index.yaml"})
    void realIndexesGiveTheParsersAnswerForEveryWantedSet(String name) throws IOException {
        Path file = Fixtures.path("helm-index/" + name);
        byte[] bytes = Files.readAllBytes(file);
        Set<String> all = chartNames(bytes);
        String first = all.iterator().next();

        HelmIndex everything = PARSER.parse(new ByteArrayInputStream(bytes), name, all);
        assertEquals(all, everything.charts().keySet(), "the test's chart list matches the parser's");
        int total = everything.charts().values().stream().mapToInt(List::size).sum();
        assertEquals(count(bytes, "(?m)^  - "), total, "every entry of the index is read");

        for (Set<String> wanted : List.of(all, Set.of(first), Set.of("no-such-chart"), Set.<String>of())) {
            HelmIndex expected = PARSER.parse(new ByteArrayInputStream(bytes), name, wanted);
            HelmIndexScanner.Outcome fast = SCANNER.run(new ByteArrayInputStream(bytes), name, wanted);
            assertNull(fast.gaveUp(), "scanner gave up on a real index: " + fast.gaveUp());
            assertEquals(expected, fast.index(), "wanted " + wanted);
            assertEquals(expected, READER.read(new ByteArrayInputStream(bytes), name, wanted));
        }
        assertEquals(PARSER.parse(new ByteArrayInputStream(bytes), file.toString(), all), READER.read(file, all));
    }

    @Test
    void realIndexKeepsCreatedInstantsHomeAndSources() {
        Path file = Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml");
        HelmIndex index = READER.read(file, Set.of("binderhub"));
        ChartEntry newest = index.entries("binderhub").orElseThrow().get(0);
        assertEquals("1.0.0-0.dev.git.3506.hba24eb2a", newest.version());
        assertEquals(Optional.of(Instant.parse("2024-08-08T18:05:34.413844784Z")), newest.created());
        assertEquals(Optional.of("https://binderhub.readthedocs.io/en/latest/"), newest.home());
        assertEquals(List.of("https://github.com/jupyterhub/binderhub"), newest.sources());
    }

    // ---- synthetic documents the scanner must understand ----

    /** Valid Go-style layout with the tricky parts: multi-line scalars holding look-alike lines, quoting, duplicates. */
    static final String UNDERSTOOD = """
            apiVersion: v1
            entries:
              binderhub:
              - annotations:
                  artifacthub.io/changes: |
                    - "kind: fixed
                      - version: 9.9.9
                    version: 8.8.8
                  artifacthub.io/prerelease: "false"
                apiVersion: v2
                created: "2024-08-08T18:05:34.413844784Z"
                description: BinderHub is like a JupyterHub that automatically builds environments
                  for the users "based" on repo2docker - a tool
                  - version 6.6.6
                digest: 6baa499c
                home: https://binderhub.readthedocs.io/en/latest/
                keywords:
                - jupyter
                kubeVersion: '>=1.23.0-0'
                maintainers:
                - email: yuvipanda@gmail.com
                  name: Yuvi
                name: binderhub
                sources:
                - https://github.com/jupyterhub/binderhub
                - 'https://example.org/it''s'
                urls:
                - https://jupyterhub.github.io/helm-chart/binderhub-1.0.0.tgz
                version: 1.0.0-0.dev.git.3506.hba24eb2a
              - version: "1.10"
                created: 2021-03-19T20:47:00+02:00
                home: 'https://example.org/o''brien'
                sources: []
                description: "a long quoted description that Go folds \\
                  over two lines, with \\"quotes\\" and
                  - version: 7.7.7"
                other: 'single quoted
                  over two lines'
                dependencies: []
                annotations: {}
              - apiVersion: v1
                description: entry without a version is dropped
              - version: 0.1.0
                version: 0.2.0
                created: "not a date"
                home: ""
                sources:
                urls:
                - x.tgz
              - version: 2.0.0
                description: Ünïcödé — text ✓ 😀
                sources:
                - "https://example.org/a b"
                - plain with spaces
              - version: 1.2
                created: '2020-01-01T00:00:00Z'
                list:
                - - nested
                  - list
                -
                - |
                  block item
              other:
              - version: 1.0.0
                created: "2020-01-01T00:00:00Z"

              skipped:
              - version: 3.0.0
                description: |-
                  version: 1.2.3

                weird: "x"
            serverInfo: {}
            generated: "2024-10-24T11:45:31.263782848Z"
            """;

    static Stream<Set<String>> wantedSets() {
        return Stream.of(Set.of("binderhub", "other", "skipped"), Set.of("binderhub"), Set.of("other"),
                Set.of("skipped"), Set.of("absent"));
    }

    @ParameterizedTest
    @MethodSource("wantedSets")
    void understoodLayoutGivesTheParsersAnswer(Set<String> wanted) throws IOException {
        assertUnderstood(UNDERSTOOD, wanted);
    }

    @ParameterizedTest
    @MethodSource("wantedSets")
    void crlfLineEndsAreUnderstood(Set<String> wanted) throws IOException {
        assertUnderstood(UNDERSTOOD.replace("\n", "\r\n"), wanted);
    }

    @Test
    void understoodLayoutHasTheExpectedValues() throws IOException {
        HelmIndex index = SCANNER.scan(stream(UNDERSTOOD), "t", Set.of("binderhub")).orElseThrow();
        List<ChartEntry> entries = index.entries("binderhub").orElseThrow();
        assertEquals(List.of("1.0.0-0.dev.git.3506.hba24eb2a", "1.10", "0.2.0", "2.0.0", "1.2"),
                entries.stream().map(ChartEntry::version).toList());
        assertEquals(List.of("https://github.com/jupyterhub/binderhub", "https://example.org/it's"),
                entries.get(0).sources());
        assertEquals(Optional.of(Instant.parse("2021-03-19T18:47:00Z")), entries.get(1).created());
        assertEquals(Optional.of("https://example.org/o'brien"), entries.get(1).home());
        assertEquals(Optional.empty(), entries.get(2).created());
        assertEquals(Optional.of(""), entries.get(2).home());
        assertEquals(List.of("https://example.org/a b", "plain with spaces"), entries.get(3).sources());
    }

    @Test
    void repeatedChartKeepsTheLastAsTheParserDoes() throws IOException {
        assertUnderstood("""
                apiVersion: v1
                entries:
                  a:
                  - version: 1.0.0
                  a:
                  - version: 2.0.0
                generated: "2024-10-24T11:45:31Z"
                """, Set.of("a"));
    }

    // ---- synthetic documents the scanner must give up on, the reader still answering right ----

    private static final String SMALL = """
            apiVersion: v1
            entries:
              binderhub:
              - apiVersion: v2
                created: "2024-08-08T18:05:34.413844784Z"
                home: https://binderhub.readthedocs.io/
                sources:
                - https://github.com/jupyterhub/binderhub
                version: 1.0.0
              - version: 0.9.0
              other:
              - version: 3.0.0
            generated: "2024-10-24T11:45:31.263782848Z"
            """;

    static Stream<Arguments> notUnderstood() {
        return Stream.of(
                Arguments.of("flow list of entries", SMALL.replace("""
                          binderhub:
                          - apiVersion: v2
                        """, """
                          binderhub: [{version: 0.0.1, created: "2020-01-01T00:00:00Z"}]
                          binderhub2:
                          - apiVersion: v2
                        """)),
                Arguments.of("flow mapping entry", SMALL.replace("  - version: 0.9.0", "  - {version: 0.9.1}")),
                Arguments.of("flow sources", SMALL.replace("""
                            sources:
                            - https://github.com/jupyterhub/binderhub
                        """, "    sources: [https://a, https://b]\n")),
                Arguments.of("tab indentation", SMALL.replace("    version: 1.0.0", "\tversion: 1.0.0")),
                Arguments.of("tab after colon", SMALL.replace("    version: 1.0.0", "    version:\t1.0.1")),
                Arguments.of("four-space indentation", """
                        apiVersion: v1
                        entries:
                            binderhub:
                                - version: 1.0.0
                                  created: "2024-08-08T18:05:34Z"
                                  sources:
                                      - https://github.com/jupyterhub/binderhub
                        generated: "2024-10-24T11:45:31Z"
                        """),
                Arguments.of("indented list items", SMALL.replace("""
                            sources:
                            - https://github.com/jupyterhub/binderhub
                        """, """
                            sources:
                              - https://github.com/jupyterhub/binderhub
                        """)),
                Arguments.of("escaped quote in version", SMALL.replace("version: 1.0.0", "version: \"1.0.0\\\"x\"")),
                Arguments.of("escape in created", SMALL.replace("\"2024-08-08T18:05:34.413844784Z\"",
                        "\"2024-08-08T18:05:34\\u002E413844784Z\"")),
                Arguments.of("anchor and alias", SMALL.replace("home: https://binderhub.readthedocs.io/",
                        "home: &h https://binderhub.readthedocs.io/").replace("  - version: 0.9.0",
                        "  - version: 0.9.0\n    home: *h")),
                Arguments.of("alias in a skipped field", SMALL.replace("  - version: 0.9.0",
                        "  - version: 0.9.0\n    digest: *x")),
                Arguments.of("complex key", SMALL.replace("    version: 1.0.0", "    ? version\n    : 1.0.2")),
                Arguments.of("document start marker", "---\n" + SMALL),
                Arguments.of("document end marker", SMALL + "...\n"),
                Arguments.of("multi-line quoted version", SMALL.replace("version: 1.0.0", "version: \"1.0.0\n      -beta\"")),
                Arguments.of("multi-line plain home", SMALL.replace("home: https://binderhub.readthedocs.io/",
                        "home: https://binderhub.readthedocs.io/\n      more")),
                Arguments.of("block scalar version", SMALL.replace("    version: 1.0.0", "    version: |\n      1.0.3")),
                Arguments.of("comment line", "# generated by hand\n" + SMALL),
                Arguments.of("trailing comment", SMALL.replace("version: 1.0.0", "version: 1.0.0 # pinned")),
                Arguments.of("quoted chart key", SMALL.replace("  binderhub:", "  \"binderhub\":")),
                Arguments.of("quoted field key", SMALL.replace("    version: 1.0.0", "    \"version\": 1.0.4")),
                Arguments.of("tag", SMALL.replace("version: 1.0.0", "version: !!str 1.0")),
                Arguments.of("byte order mark", "\uFEFF" + SMALL),
                Arguments.of("lone carriage return", SMALL.replace("  other:\n", "  other:\r")),
                Arguments.of("control character", SMALL.replace("  - version: 0.9.0", "  - version: 0.9.0\n    description: a\u0001b")),
                Arguments.of("line separator", SMALL.replace("  - version: 0.9.0", "  - version: 0.9.0\n    description: a\u2028b")),
                Arguments.of("chart without entries", SMALL.replace("  other:\n  - version: 3.0.0\n", "  other:\n")),
                Arguments.of("entries without charts", "apiVersion: v1\nentries:\ngenerated: \"2024-10-24T11:45:31Z\"\n"),
                Arguments.of("no entries", "apiVersion: v1\ngenerated: \"2024-10-24T11:45:31Z\"\n"),
                Arguments.of("entries repeated", SMALL + "entries:\n  other:\n  - version: 4.0.0\n"),
                Arguments.of("scalar version list item", SMALL.replace("  - version: 0.9.0", "  - 0.9.0")),
                Arguments.of("empty version", SMALL.replace("version: 0.9.0", "version:")),
                Arguments.of("odd indentation", SMALL.replace("    version: 1.0.0", "     version: 1.0.0")),
                Arguments.of("mapping under sources", SMALL.replace("- https://github.com/jupyterhub/binderhub",
                        "- url: https://github.com/jupyterhub/binderhub")),
                Arguments.of("not YAML", "<html><body>502 Bad Gateway</body></html>\n"),
                Arguments.of("empty", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notUnderstood")
    void scannerGivesUpAndReaderStillAnswersLikeTheParser(String what, String yaml) throws IOException {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        Set<String> both = Set.of("binderhub", "other");
        HelmIndexScanner.Outcome fast = SCANNER.run(new ByteArrayInputStream(bytes), "t.yaml", both);
        assertNull(fast.index(), what + ": the scanner must give up");
        assertNotNull(fast.gaveUp());
        assertEquals(outcome(() -> PARSER.parse(new ByteArrayInputStream(bytes), "t.yaml", both)),
                outcome(() -> READER.read(new ByteArrayInputStream(bytes), "t.yaml", both)), what);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notUnderstood")
    void odditiesInChartsNotWantedNeverChangeTheAnswer(String what, String yaml) throws IOException {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        Set<String> other = Set.of("other");
        Object expected = outcome(() -> PARSER.parse(new ByteArrayInputStream(bytes), "t.yaml", other));
        HelmIndexScanner.Outcome fast = SCANNER.run(new ByteArrayInputStream(bytes), "t.yaml", other);
        if (fast.index() != null) {
            assertEquals(expected, fast.index(), what + ": the scanner may answer only with the parser's answer");
        }
        assertEquals(expected, outcome(() -> READER.read(new ByteArrayInputStream(bytes), "t.yaml", other)), what);
    }

    /** Random small edits of a valid index: whenever the scanner answers, the parser gives that same answer. */
    @Test
    void mutatedIndexesNeverGetADifferentAnswer() throws IOException {
        java.util.Random random = new java.util.Random(20261122);
        String alphabet = "\"'#:-|>{}[]&*!? \t\n\\ab1.,%@`";
        Set<String> wanted = Set.of("binderhub", "other");
        int answered = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder(UNDERSTOOD);
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                int at = random.nextInt(b.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(4)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, c);
                    case 2 -> b.setCharAt(at, c);
                    default -> {
                        int start = b.lastIndexOf("\n", at) + 1;
                        int end = b.indexOf("\n", at);
                        b.insert(start, b.substring(start, end < 0 ? b.length() : end + 1));
                    }
                }
            }
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            Object fast;
            try {
                fast = SCANNER.run(new ByteArrayInputStream(bytes), "t.yaml", wanted).index();
            } catch (SourceException e) {
                fast = outcome(() -> { throw e; });
            }
            if (fast != null) {
                answered++;
                assertEquals(outcome(() -> PARSER.parse(new ByteArrayInputStream(bytes), "t.yaml", wanted)), fast,
                        "mutation " + i + ":\n" + b);
            }
        }
        assertTrue(answered > 300, "most single edits keep the layout understood: " + answered);
    }

    // ---- broken input ----

    @Test
    void truncatedIndexIsAnErrorNotFewerVersions() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml"));
        int half = bytes.length / 2;
        int atLine = indexOf(bytes, (byte) '\n', half) + 1;
        for (int cut : new int[] {atLine, half}) {
            byte[] part = java.util.Arrays.copyOf(bytes, cut);
            Set<String> wanted = Set.of("binderhub", "jupyterhub");
            SourceException e = assertThrows(SourceException.class,
                    () -> READER.read(new ByteArrayInputStream(part), "https://example.org/index.yaml", wanted));
            assertTrue(e.getMessage().startsWith("https://example.org/index.yaml: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        byte[] part = java.util.Arrays.copyOf(bytes, atLine);
        SourceException e = assertThrows(SourceException.class,
                () -> SCANNER.scan(new ByteArrayInputStream(part), "idx", Set.of("binderhub")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void binaryGarbageIsASourceException() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        SourceException e = assertThrows(SourceException.class,
                () -> READER.read(new ByteArrayInputStream(garbage), "g.yaml", Set.of("a")));
        assertTrue(e.getMessage().startsWith("g.yaml: "), e.getMessage());
    }

    @Test
    void failingStreamIsASourceExceptionNamingTheLocation() {
        InputStream failing = new InputStream() {
            private int left = 100;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    throw new IOException("connection reset");
                }
                left--;
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = Math.min(len, 10);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) read();
                }
                return n;
            }
        };
        SourceException e = assertThrows(SourceException.class,
                () -> READER.read(failing, "https://example.org/index.yaml", Set.of("a")));
        assertTrue(e.getMessage().startsWith("https://example.org/index.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
    }

    // ---- the recording behind the fallback ----

    @Test
    void lateGiveUpReplaysSpilledBytesAndDeletesTheSpillFile(@TempDir Path tmp) throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.path("helm-index/jupyterhub-helm-chart-index.yaml"));
        String text = new String(bytes, StandardCharsets.UTF_8);
        int last = text.lastIndexOf("\n    version: ");
        byte[] late = (text.substring(0, last) + "\n    version: &v" + text.substring(last + "\n    version:".length()))
                .getBytes(StandardCharsets.UTF_8);
        Set<String> wanted = chartNames(bytes);
        assertNull(SCANNER.run(new ByteArrayInputStream(late), "x", wanted).index(), "the anchor makes it give up");

        Path spillDir = Files.createDirectory(tmp.resolve("spill"));
        HelmIndexReader reader = new HelmIndexReader(64 * 1024, spillDir);
        HelmIndex expected = PARSER.parse(new ByteArrayInputStream(late), "x", wanted);
        assertEquals(expected, reader.read(new SlowStream(late), "x", wanted));
        assertEquals(expected, reader.read(new SlowStream(bytes), "x", wanted), "no anchor: same entries");
        try (Stream<Path> left = Files.list(spillDir)) {
            assertEquals(0, left.count(), "spill files are deleted");
        }
    }

    @Test
    void fileIsReopenedForTheParserWhenTheScannerGivesUp(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("index.yaml");
        Files.writeString(file, SMALL.replace("version: 1.0.0", "version: \"1.0.0\\u002D1\""));
        Set<String> wanted = Set.of("binderhub");
        assertNull(SCANNER.run(Files.newInputStream(file), "f", wanted).index());
        HelmIndex index = READER.read(file, wanted);
        assertEquals(PARSER.parse(Files.newInputStream(file), file.toString(), wanted), index);
        assertEquals("1.0.0-1", index.entries("binderhub").orElseThrow().get(0).version());
        SourceException e = assertThrows(SourceException.class, () -> READER.read(tmp.resolve("absent.yaml"), wanted));
        assertTrue(e.getMessage().startsWith(tmp.resolve("absent.yaml") + ": "), e.getMessage());
    }

    @Test
    void generatedIndexIsUnderstood(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("index.yaml");
        List<String> charts = IndexGenerator.write(file, 1 << 20, 1);
        assertTrue(Files.size(file) >= 1 << 20);
        Set<String> wanted = Set.of(charts.get(0), charts.get(charts.size() / 2), charts.get(charts.size() - 1));
        HelmIndex expected;
        try (InputStream in = Files.newInputStream(file)) {
            expected = PARSER.parse(in, file.toString(), wanted);
        }
        assertEquals(wanted, expected.charts().keySet());
        HelmIndexScanner.Outcome fast;
        try (InputStream in = Files.newInputStream(file)) {
            fast = SCANNER.run(in, file.toString(), wanted);
        }
        assertNull(fast.gaveUp());
        assertEquals(expected, fast.index());
    }

    // ---- helpers ----

    private static void assertUnderstood(String yaml, Set<String> wanted) throws IOException {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        HelmIndex expected = PARSER.parse(new ByteArrayInputStream(bytes), "t.yaml", wanted);
        HelmIndexScanner.Outcome fast = SCANNER.run(new ByteArrayInputStream(bytes), "t.yaml", wanted);
        assertNull(fast.gaveUp(), "scanner gave up: " + fast.gaveUp());
        assertEquals(expected, fast.index());
    }

    /** The index, or the error message: what a caller would see. */
    private static Object outcome(Supplier<HelmIndex> read) {
        try {
            return read.get();
        } catch (SourceException e) {
            // Jackson names the stream class it read from; the fallback reads a different one.
            return "SourceException: " + e.getMessage().replaceAll("\\(\\w*InputStream\\)", "(stream)");
        }
    }

    private static Set<String> chartNames(byte[] bytes) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = CHART_LINE.matcher(new String(bytes, StandardCharsets.UTF_8));
        while (m.find()) {
            names.add(m.group(1));
        }
        assertFalse(names.isEmpty());
        return names;
    }

    private static int count(byte[] bytes, String regex) {
        Matcher m = Pattern.compile(regex).matcher(new String(bytes, StandardCharsets.UTF_8));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return bytes.length - 1;
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out at most 1000 bytes a read, like a network stream. */
    private static final class SlowStream extends ByteArrayInputStream {
        SlowStream(byte[] b) {
            super(b);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1000));
        }
    }
}
