package org.helmupgradebot.upgrade.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fast, strict reader for the {@code index.yaml} layout Helm itself writes (Go yaml: top-level keys at
 * column 0, chart keys and their {@code - } items at column 2, entry fields at column 4), giving up
 * with {@link Optional#empty()} on any line shape it does not fully understand.
 *
 * <p>It works on bytes, one line at a time, with a bounded buffer (lines over 1 MB make it give up).
 * Every line is checked for what YAML forbids or treats specially (control characters, invalid UTF-8,
 * a CR not followed by LF, NEL/LS/PS, tabs in structure, flow collections other than {@code {}} and
 * {@code []}, anchors, aliases, tags, complex keys, comments, document markers, unknown escapes), and
 * multi-line scalars (plain, quoted, block) are followed to their end so that their text is never
 * mistaken for structure. CRLF line ends are understood. Lines nested below an entry's fields are
 * checked for how they fit the indentation above them, not read. The fields it reads ({@code version},
 * {@code created}, {@code home}, {@code sources}) of wanted charts must be single-line plain,
 * single-quoted or backslash-free double-quoted scalars; there it is strictest. Whatever it answers is
 * what {@link HelmIndexParser} answers (the tests compare both on real and mutated indexes); when it
 * gives up, callers fall back to the parser, as {@link HelmIndexReader} does.
 */
public final class HelmIndexScanner {
    private static final int INITIAL_BUFFER = 64 * 1024;
    /** Longer lines are not Helm's layout; the fallback parser can deal with them. */
    static final int MAX_LINE = 1 << 20;

    /**
     * Scans an index.
     *
     * @param in the index bytes (read up to the point of giving up or to the end; not closed here)
     * @param location URL or path, for messages
     * @param wanted chart names to keep
     * @return the index, or empty when the layout is not one this scanner understands
     * @throws SourceException when the index is understood but ends before its {@code generated} field
     * @throws IOException when the stream cannot be read
     */
    public Optional<HelmIndex> scan(InputStream in, String location, Set<String> wanted) throws IOException {
        Outcome outcome = run(in, location, wanted);
        return Optional.ofNullable(outcome.index());
    }

    /** The result, or why the scanner gave up (for tests and diagnostics). */
    record Outcome(HelmIndex index, String gaveUp) {}

    Outcome run(InputStream in, String location, Set<String> wanted) throws IOException {
        Run run = new Run(in, wanted);
        try {
            Map<String, List<ChartEntry>> charts = run.scan();
            if (!run.sawGenerated) {
                // Helm writes 'generated' after 'entries'; without it the file most likely ends early.
                throw new SourceException(location + ": index has no 'generated' field after its entries"
                        + " (truncated download?)");
            }
            return new Outcome(new HelmIndex(location, charts), null);
        } catch (GiveUp e) {
            return new Outcome(null, "line " + run.lineNo + ": " + e.getMessage());
        }
    }

    /** Thrown inside the scanner when a line is not understood; never escapes. */
    private static final class GiveUp extends Exception {
        GiveUp(String reason) {
            super(reason, null, false, false);
        }
    }

    // Kinds of the value on a line.
    private static final int NONE = 0; // "key:" with nothing after it, or "-" alone
    private static final int PLAIN = 1;
    private static final int SINGLE = 2; // closed on the line
    private static final int DOUBLE = 3; // closed on the line
    private static final int SINGLE_OPEN = 4; // continues on the next lines
    private static final int DOUBLE_OPEN = 5;
    private static final int BLOCK = 6; // | or > header
    private static final int EMPTY_FLOW = 7; // {} or []

    // What the current entry field (column 4) is.
    private static final int F_NONE = 0; // no entry open
    private static final int F_NEEDED = 1; // version/created/home of a wanted chart: nothing may follow
    private static final int F_SOURCES = 2; // sources of a wanted chart: "    - url" items may follow
    private static final int F_CLOSED = 3; // a value that admits nothing nested
    private static final int F_OPEN = 4; // a skipped field whose value is nested below it

    private static final byte[] VERSION = bytes("version");
    private static final byte[] CREATED = bytes("created");
    private static final byte[] HOME = bytes("home");
    private static final byte[] SOURCES = bytes("sources");
    private static final byte[] ENTRIES = bytes("entries");
    private static final byte[] GENERATED = bytes("generated");

    /** The state of one scan. */
    private static final class Run {
        private final InputStream in;
        private final Set<String> wanted;
        private byte[] buf = new byte[INITIAL_BUFFER];
        private int pos;
        private int limit;
        private boolean eof;
        long lineNo;

        // The current line: [ls, le), CR and LF excluded.
        private int ls;
        private int le;

        // Tokens of the current structural line.
        private int indent;
        private int dashes;
        private int lastDash;
        private int keyStart = -1;
        private int keyEnd;
        private boolean keyQuoted;
        private int kind;
        private int valStart;
        private int valEnd;
        /** Lines indented more than this continue a multi-line scalar begun on this line. */
        private int parentCol;

        // Multi-line scalar being skipped: its kind (PLAIN, *_OPEN, BLOCK) or NONE.
        private int cont = NONE;
        private int contCol;
        private boolean contForbidden;
        /** Content indentation of the block scalar being skipped: -1 not yet known, 0 not checked. */
        private int blockIndent;

        // Columns of the block collections open inside a skipped field, and whether the last line
        // opened a deeper one ("key:" with nothing after it): a nested line must fit them.
        private final int[] nest = new int[64];
        private int nestTop;
        private boolean nestOpens;
        /** Whether the skipped field's value has lines nested below the field line itself (then no "- " items). */
        private boolean fieldNested;
        private boolean fieldItems;

        // Document structure.
        boolean sawGenerated;
        private boolean sawEntries;
        private boolean inEntries;
        private final Map<String, List<ChartEntry>> charts = new HashMap<>();
        private String chart;
        private boolean chartWanted;
        private int chartItems;
        private int chartCount;
        private List<ChartEntry> chartList;
        private int field = F_NONE;

        // The open entry of a wanted chart.
        private String version;
        private Optional<Instant> created;
        private Optional<String> home;
        private List<String> sources;

        Run(InputStream in, Set<String> wanted) {
            this.in = in;
            this.wanted = wanted;
        }

        Map<String, List<ChartEntry>> scan() throws IOException, GiveUp {
            while (nextLine()) {
                lineNo++;
                int first = firstNonSpace();
                if (cont != NONE && continues(first)) {
                    continue;
                }
                if (first == le) {
                    continue; // blank line
                }
                if (buf[first] == '\t') {
                    throw new GiveUp("tab in indentation");
                }
                tokenize(first);
                structure();
            }
            if (cont == SINGLE_OPEN || cont == DOUBLE_OPEN) {
                throw new GiveUp("quoted scalar not closed at end of input");
            }
            if (inEntries) {
                leaveEntries();
            }
            if (!sawEntries) {
                throw new GiveUp("no 'entries' mapping");
            }
            return charts;
        }

        // ---- lines ----

        /** Finds the next line, checking each byte on the way; false at the end of input. */
        private boolean nextLine() throws IOException, GiveUp {
            int i = pos;
            int cr = -1;
            while (true) {
                while (i < limit) {
                    byte b = buf[i];
                    if (b >= 0x20 && b != 0x7f) {
                        i++;
                    } else if (b == '\n') {
                        ls = pos;
                        le = i;
                        if (cr >= 0) {
                            if (cr != i - 1) {
                                throw new GiveUp("carriage return inside a line");
                            }
                            le = cr;
                        }
                        pos = i + 1;
                        return true;
                    } else if (b == '\t') {
                        i++;
                    } else if (b == '\r') {
                        if (cr >= 0) {
                            throw new GiveUp("carriage return inside a line");
                        }
                        cr = i++;
                    } else if (b < 0) {
                        int n = utf8Length(b);
                        if (i + n > limit) {
                            if (eof) {
                                throw new GiveUp("truncated UTF-8 sequence");
                            }
                            break;
                        }
                        checkUtf8(i, n);
                        i += n;
                    } else {
                        throw new GiveUp("control character 0x" + Integer.toHexString(b & 0xff));
                    }
                }
                if (eof) {
                    if (pos == limit) {
                        return false;
                    }
                    if (cr >= 0) {
                        throw new GiveUp("carriage return without line feed");
                    }
                    ls = pos;
                    le = limit;
                    pos = limit;
                    return true;
                }
                // Keep the partial line, make room, read more.
                int keep = limit - pos;
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, keep);
                    i -= pos;
                    if (cr >= 0) {
                        cr -= pos;
                    }
                    pos = 0;
                    limit = keep;
                }
                if (limit == buf.length) {
                    if (buf.length >= MAX_LINE) {
                        throw new GiveUp("line longer than " + MAX_LINE + " bytes");
                    }
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                int r = in.read(buf, limit, buf.length - limit);
                if (r < 0) {
                    eof = true;
                } else {
                    limit += r;
                }
            }
        }

        private static int utf8Length(byte lead) throws GiveUp {
            int b = lead & 0xff;
            if (b >= 0xC2 && b <= 0xDF) {
                return 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                return 3;
            } else if (b >= 0xF0 && b <= 0xF4) {
                return 4;
            }
            throw new GiveUp("invalid UTF-8");
        }

        /** Rejects malformed UTF-8 and the code points SnakeYAML refuses or reads as line breaks. */
        private void checkUtf8(int i, int n) throws GiveUp {
            int cp = buf[i] & (0xff >> (n + 1));
            for (int k = 1; k < n; k++) {
                int c = buf[i + k] & 0xff;
                if ((c & 0xC0) != 0x80) {
                    throw new GiveUp("invalid UTF-8");
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            boolean ok = switch (n) {
                case 2 -> cp >= 0xA0; // C1 controls and NEL are refused or line breaks
                case 3 -> cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF) && cp != 0x2028 && cp != 0x2029
                        && cp != 0xFFFE && cp != 0xFFFF;
                default -> cp >= 0x10000 && cp <= 0x10FFFF;
            };
            if (!ok) {
                throw new GiveUp("character U+" + Integer.toHexString(cp) + " not handled");
            }
        }

        private int firstNonSpace() {
            int i = ls;
            while (i < le && buf[i] == ' ') {
                i++;
            }
            return i;
        }

        /** Whether this line belongs to the multi-line scalar being skipped (and consumes it). */
        private boolean continues(int first) throws GiveUp {
            int ind = first - ls;
            boolean blank = first == le;
            switch (cont) {
                case PLAIN -> {
                    if (blank) {
                        return true;
                    }
                    if (ind <= contCol) {
                        cont = NONE;
                        return false;
                    }
                    if (contForbidden) {
                        throw new GiveUp("multi-line plain scalar in a field that is read");
                    }
                    if (buf[first] == '#' || buf[first] == '\t') {
                        throw new GiveUp("comment or tab in a multi-line plain scalar");
                    }
                    plainEnd(first, false);
                    return true;
                }
                case BLOCK -> {
                    if (blank) {
                        return true;
                    }
                    if (ind > contCol) {
                        if (blockIndent < 0) {
                            blockIndent = ind; // the first content line sets the indentation
                        } else if (ind < blockIndent) {
                            throw new GiveUp("block scalar line less indented than its first line");
                        }
                        return true;
                    }
                    cont = NONE;
                    return false;
                }
                default -> { // SINGLE_OPEN or DOUBLE_OPEN
                    if (!blank && ind <= contCol) {
                        throw new GiveUp("continuation of a quoted scalar is not indented");
                    }
                    int close = quotedEnd(first, cont == DOUBLE_OPEN ? (byte) '"' : (byte) '\'');
                    if (close >= 0) {
                        cont = NONE;
                        if (firstNonSpaceFrom(close) != le) {
                            throw new GiveUp("text after a multi-line quoted scalar");
                        }
                    }
                    return true;
                }
            }
        }

        private int firstNonSpaceFrom(int i) {
            while (i < le && buf[i] == ' ') {
                i++;
            }
            return i;
        }

        // ---- tokens of one line ----

        private void tokenize(int first) throws GiveUp {
            indent = first - ls;
            dashes = 0;
            lastDash = -1;
            keyStart = -1;
            keyQuoted = false;
            kind = NONE;
            contForbidden = false;
            int col = first;
            while (buf[col] == '-' && (col + 1 == le || buf[col + 1] == ' ')) {
                dashes++;
                lastDash = col - ls;
                if (col + 1 == le) {
                    parentCol = lastDash;
                    return; // "-" alone: an empty item
                }
                col += 2;
                if (col == le || buf[col] == ' ') {
                    throw new GiveUp("not one space after '-'");
                }
            }
            byte c = buf[col];
            if (c == '"' || c == '\'') {
                int close = quotedEnd(col + 1, c);
                if (close < 0) {
                    if (dashes == 0) {
                        throw new GiveUp("multi-line quoted key");
                    }
                    startQuotedOpen(c, col, lastDash);
                    return;
                }
                int after = firstNonSpaceFrom(close);
                if (after == le) {
                    if (dashes == 0) {
                        throw new GiveUp("a scalar where a key was expected");
                    }
                    setValue(c == '"' ? DOUBLE : SINGLE, col + 1, close - 1, lastDash);
                    return;
                }
                if (after != close || buf[close] != ':' || (close + 1 < le && buf[close + 1] != ' ')) {
                    throw new GiveUp("text after a quoted scalar");
                }
                keyStart = col;
                keyEnd = close;
                keyQuoted = true;
                value(close + 1, col - ls);
                return;
            }
            if (dashes > 0 && (c == '|' || c == '>' || c == '[' || c == '{')) {
                scalar(col, lastDash);
                return;
            }
            if (isIndicator(c)) {
                throw new GiveUp("'" + (char) c + "' where a key or item was expected");
            }
            int colon = plainEnd(col, true);
            if (colon < 0) {
                if (dashes == 0) {
                    throw new GiveUp("a scalar where a key was expected");
                }
                setValue(PLAIN, col, le, lastDash);
                cont = PLAIN;
                contCol = lastDash;
                return;
            }
            if (buf[colon - 1] == ' ') {
                throw new GiveUp("space before ':'");
            }
            keyStart = col;
            keyEnd = colon;
            value(colon + 1, col - ls);
        }

        /** Reads the value after "key:" starting at {@code i}; {@code keyCol} is the key's column. */
        private void value(int i, int keyCol) throws GiveUp {
            parentCol = keyCol;
            int v = firstNonSpaceFrom(i);
            if (v == le) {
                if (v != i) {
                    throw new GiveUp("trailing space");
                }
                kind = NONE;
                return;
            }
            scalar(v, keyCol);
        }

        /** Reads a scalar (or empty flow collection) starting at {@code v}; {@code parent} is its node's column. */
        private void scalar(int v, int keyCol) throws GiveUp {
            byte c = buf[v];
            if (c == '"' || c == '\'') {
                int close = quotedEnd(v + 1, c);
                if (close < 0) {
                    startQuotedOpen(c, v, keyCol);
                    return;
                }
                if (close != le) {
                    throw new GiveUp("text after a quoted scalar");
                }
                setValue(c == '"' ? DOUBLE : SINGLE, v + 1, close - 1, keyCol);
            } else if (c == '|' || c == '>') {
                int k = v + 1;
                while (k < le && k < v + 3 && (buf[k] == '-' || buf[k] == '+' || (buf[k] >= '1' && buf[k] <= '9'))) {
                    k++;
                }
                if (k != le) {
                    throw new GiveUp("block scalar header not understood");
                }
                setValue(BLOCK, v, le, keyCol);
                cont = BLOCK;
                contCol = keyCol;
                // With an explicit indentation digit the content may start more indented: no check.
                blockIndent = k > v + 1 && (buf[k - 1] != '-' && buf[k - 1] != '+' || k > v + 2) ? 0 : -1;
            } else if (c == '[' || c == '{') {
                if (le != v + 2 || buf[v + 1] != (c == '[' ? ']' : '}')) {
                    throw new GiveUp("flow collection");
                }
                setValue(EMPTY_FLOW, v, le, keyCol);
            } else if (isIndicator(c)) {
                throw new GiveUp("value starting with '" + (char) c + "'");
            } else {
                if (plainEnd(v, false) >= 0) {
                    throw new GiveUp("':' inside a plain value");
                }
                setValue(PLAIN, v, le, keyCol);
                cont = PLAIN;
                contCol = keyCol;
            }
        }

        private void setValue(int k, int start, int end, int parent) {
            kind = k;
            valStart = start;
            valEnd = end;
            parentCol = parent;
        }

        private void startQuotedOpen(byte quote, int at, int parent) {
            kind = quote == '"' ? DOUBLE_OPEN : SINGLE_OPEN;
            valStart = at;
            parentCol = parent;
            cont = kind;
            contCol = parent;
        }

        /**
         * Scans plain text from {@code i} to the line end: returns the index of a key's ':' (followed
         * by a space or the line end) when {@code mayBeKey}, else -1; gives up on a comment, a tab, a
         * ': ' that cannot be there, or a trailing space.
         */
        private int plainEnd(int i, boolean mayBeKey) throws GiveUp {
            for (int k = i; k < le; k++) {
                byte b = buf[k];
                if (b == ':' && (k + 1 == le || buf[k + 1] == ' ')) {
                    if (mayBeKey) {
                        return k;
                    }
                    throw new GiveUp("': ' inside a plain scalar");
                } else if (b == '#' && buf[k - 1] == ' ') {
                    throw new GiveUp("comment");
                } else if (b == '\t') {
                    throw new GiveUp("tab");
                }
            }
            if (buf[le - 1] == ' ') {
                throw new GiveUp("trailing space");
            }
            return -1;
        }

        /** Index just after the closing quote on this line, or -1 when the scalar goes on. */
        private int quotedEnd(int i, byte quote) throws GiveUp {
            while (i < le) {
                byte b = buf[i];
                if (quote == '"' && b == '\\') {
                    i = escapeEnd(i + 1);
                } else if (b == quote) {
                    if (quote == '\'' && i + 1 < le && buf[i + 1] == '\'') {
                        i += 2;
                    } else {
                        return i + 1;
                    }
                } else {
                    i++;
                }
            }
            return -1;
        }

        /** After the escape whose letter is at {@code i}; gives up on escapes YAML does not define. */
        private int escapeEnd(int i) throws GiveUp {
            if (i == le) {
                return i; // escaped line break
            }
            int digits = switch (buf[i]) {
                case '0', 'a', 'b', 't', 'n', 'v', 'f', 'r', 'e', ' ', '"', '/', '\\', 'N', '_', 'L', 'P' -> 0;
                case 'x' -> 2;
                case 'u' -> 4;
                case 'U' -> 8;
                default -> throw new GiveUp("unknown escape in a double-quoted scalar");
            };
            for (int k = 1; k <= digits; k++) {
                if (i + k >= le || Character.digit(buf[i + k], 16) < 0) {
                    throw new GiveUp("bad hex escape in a double-quoted scalar");
                }
            }
            return i + 1 + digits;
        }

        private static boolean isIndicator(byte c) {
            return switch (c) {
                case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' ->
                        true;
                default -> false;
            };
        }

        // ---- structure ----

        private void structure() throws GiveUp, IOException {
            if (indent == 0) {
                if (inEntries) {
                    leaveEntries();
                }
                topLevel();
            } else if (!inEntries) {
                throw new GiveUp("indented line at the top level");
            } else if (indent == 2) {
                if (dashes == 0) {
                    chartKey();
                } else {
                    entryStart();
                }
            } else if (indent == 4) {
                if (dashes == 0) {
                    field();
                } else {
                    fieldItem();
                }
            } else if (indent >= 5) {
                if (field != F_OPEN) {
                    throw new GiveUp("nested line where none is expected");
                }
                nested();
            } else {
                throw new GiveUp("indentation of " + indent + " is not Helm's layout");
            }
        }

        private void topLevel() throws GiveUp {
            if (dashes != 0 || !simpleKey()) {
                throw new GiveUp("top-level line is not a simple key");
            }
            if (keyIs(ENTRIES)) {
                if (sawEntries || kind != NONE) {
                    throw new GiveUp("'entries' repeated or not followed by charts");
                }
                sawEntries = true;
                inEntries = true;
                return;
            }
            if (keyIs(GENERATED)) {
                sawGenerated = true;
            }
        }

        private void leaveEntries() throws GiveUp {
            finishChart();
            inEntries = false;
            if (chartCount == 0) {
                throw new GiveUp("'entries' has no charts");
            }
        }

        private void chartKey() throws GiveUp {
            if (!simpleKey() || kind != NONE) {
                throw new GiveUp("chart line is not 'name:'");
            }
            finishChart();
            chart = new String(buf, keyStart, keyEnd - keyStart, StandardCharsets.US_ASCII);
            chartWanted = wanted.contains(chart);
            chartList = chartWanted ? new ArrayList<>() : null;
            chartItems = 0;
            chartCount++;
            field = F_NONE;
        }

        private void finishChart() throws GiveUp {
            if (chart == null) {
                return;
            }
            if (chartItems == 0) {
                throw new GiveUp("chart '" + chart + "' has no list of entries");
            }
            finishEntry();
            if (chartWanted) {
                charts.put(chart, List.copyOf(chartList));
            }
            chart = null;
            field = F_NONE;
        }

        private void entryStart() throws GiveUp {
            if (chart == null || dashes != 1 || keyStart < 0) {
                throw new GiveUp("entry line is not '  - key: ...'");
            }
            finishEntry();
            chartItems++;
            version = null;
            created = Optional.empty();
            home = Optional.empty();
            sources = List.of();
            field(); // the first field sits on the dash line, at column 4
        }

        private void finishEntry() {
            if (chartWanted && chartItems > 0 && version != null) {
                chartList.add(new ChartEntry(chart, version, created, home, sources));
            }
            version = null;
        }

        private void field() throws GiveUp {
            if (chartItems == 0 || keyStart < 0) {
                throw new GiveUp("field line outside an entry");
            }
            resetNest();
            fieldNested = false;
            fieldItems = false;
            if (!chartWanted) {
                field = kind == NONE ? F_OPEN : F_CLOSED;
                return;
            }
            if (!simpleKey()) {
                throw new GiveUp("entry field name is not a simple key");
            }
            if (keyIs(VERSION) || keyIs(CREATED) || keyIs(HOME)) {
                String text = scalarText();
                if (keyIs(VERSION)) {
                    version = text;
                } else if (keyIs(CREATED)) {
                    created = HelmIndexParser.parseInstant(text);
                } else {
                    home = Optional.of(text);
                }
                field = F_NEEDED;
            } else if (keyIs(SOURCES)) {
                if (kind == NONE) {
                    sources = new ArrayList<>();
                    field = F_SOURCES;
                } else if (kind == EMPTY_FLOW && buf[valStart] == '[') {
                    sources = List.of();
                    field = F_CLOSED;
                } else {
                    throw new GiveUp("'sources' is not a block list");
                }
            } else {
                field = kind == NONE ? F_OPEN : F_CLOSED;
            }
        }

        private void fieldItem() throws GiveUp {
            if (field == F_OPEN) {
                if (fieldNested) {
                    throw new GiveUp("list item after nested lines");
                }
                fieldItems = true;
                resetNest(); // an item of a skipped list
                return;
            }
            if (field != F_SOURCES) {
                throw new GiveUp("list item where none is expected");
            }
            if (dashes != 1 || keyStart >= 0) {
                throw new GiveUp("'sources' item is not a scalar");
            }
            sources.add(scalarText());
        }

        /** Starts the column stack for a field or list item line at column 4. */
        private void resetNest() throws GiveUp {
            nestTop = 0;
            nest[0] = 4;
            pushColumns();
        }

        /** A line nested in a skipped field must sit at an open column, or open a deeper one. */
        private void nested() throws GiveUp {
            fieldNested |= !fieldItems;
            boolean popped = false;
            while (nestTop > 0 && nest[nestTop] > indent) {
                nestTop--;
                popped = true;
            }
            if (nest[nestTop] != indent) {
                if (popped || !nestOpens) {
                    throw new GiveUp("nested line does not fit the indentation above it");
                }
                push(indent);
            }
            pushColumns();
        }

        /** Pushes the columns this line opens: its list items and its key. */
        private void pushColumns() throws GiveUp {
            for (int k = 0; k < dashes; k++) {
                push(indent + 2 * k);
            }
            if (keyStart >= 0) {
                push(indent + 2 * dashes);
            }
            nestOpens = kind == NONE;
        }

        private void push(int col) throws GiveUp {
            if (col <= nest[nestTop]) {
                return;
            }
            if (nestTop + 1 == nest.length) {
                throw new GiveUp("nesting too deep");
            }
            nest[++nestTop] = col;
        }

        /** The text of a single-line scalar value in a field that is read, as Jackson would give it. */
        private String scalarText() throws GiveUp {
            switch (kind) {
                case PLAIN -> {
                    contForbidden = true; // reset when the next line ends the scalar
                    return new String(buf, valStart, valEnd - valStart, StandardCharsets.UTF_8);
                }
                case DOUBLE -> {
                    for (int i = valStart; i < valEnd; i++) {
                        if (buf[i] == '\\') {
                            throw new GiveUp("escape in a double-quoted value");
                        }
                    }
                    return new String(buf, valStart, valEnd - valStart, StandardCharsets.UTF_8);
                }
                case SINGLE -> {
                    String s = new String(buf, valStart, valEnd - valStart, StandardCharsets.UTF_8);
                    return s.replace("''", "'");
                }
                default -> throw new GiveUp("value of a read field is not a single-line scalar");
            }
        }

        /** Whether the key is unquoted and made of characters that Jackson reports unchanged. */
        private boolean simpleKey() {
            if (keyStart < 0 || keyQuoted) {
                return false;
            }
            for (int i = keyStart; i < keyEnd; i++) {
                byte b = buf[i];
                boolean ok = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                        || b == '_' || (i > keyStart && (b == '-' || b == '.' || b == '/'));
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        private boolean keyIs(byte[] name) {
            if (keyEnd - keyStart != name.length) {
                return false;
            }
            for (int i = 0; i < name.length; i++) {
                if (buf[keyStart + i] != name[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
