package org.helmupgradebot.upgrade.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a Helm repository index as a stream of YAML tokens, keeping only the wanted charts, so that
 * memory stays bounded however large the index is (real ones reach tens of MB).
 */
public final class HelmIndexParser {
    private final YAMLFactory yaml;

    public HelmIndexParser() {
        LoaderOptions options = new LoaderOptions();
        // The whole document is streamed, never held: SnakeYAML's 3 MB document limit would only
        // refuse large indexes without saving any memory. Aliases are not expanded by the token stream.
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setMaxAliasesForCollections(50);
        this.yaml = YAMLFactory.builder().loaderOptions(options).build();
    }

    /**
     * Parses an index.
     *
     * @param in the index bytes (not closed here)
     * @param location URL or path, for messages
     * @param wanted chart names to keep; others are skipped token by token
     * @throws SourceException when the text is not YAML, not a Helm index, or ends early
     */
    public HelmIndex parse(InputStream in, String location, Set<String> wanted) {
        try (JsonParser p = yaml.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notAnIndex(location, p, "the document is not a mapping");
            }
            Map<String, List<ChartEntry>> charts = new HashMap<>();
            boolean sawEntries = false;
            boolean sawGenerated = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("entries".equals(field)) {
                    if (value != JsonToken.START_OBJECT) {
                        throw notAnIndex(location, p, "'entries' is not a mapping");
                    }
                    readEntries(p, location, wanted, charts);
                    sawEntries = true;
                } else {
                    sawGenerated |= "generated".equals(field);
                    p.skipChildren();
                }
            }
            if (!sawEntries) {
                throw notAnIndex(location, p, "no 'entries' mapping");
            }
            if (!sawGenerated) {
                // Helm writes 'generated' after 'entries'; without it the file most likely ends early.
                throw new SourceException(location + ": index has no 'generated' field after its entries"
                        + " (truncated download?)");
            }
            return new HelmIndex(location, charts);
        } catch (SourceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SourceException(location + ": not a readable Helm index: " + oneLine(e), e);
        }
    }

    private static void readEntries(JsonParser p, String location, Set<String> wanted,
            Map<String, List<ChartEntry>> charts) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String chart = p.currentName();
            JsonToken value = p.nextToken();
            if (!wanted.contains(chart)) {
                p.skipChildren();
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                throw notAnIndex(location, p, "entries of chart '" + chart + "' are not a list");
            }
            List<ChartEntry> list = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                readEntry(p, chart).ifPresent(list::add);
            }
            charts.put(chart, List.copyOf(list));
        }
    }

    /** Reads one version entry; entries without a version are dropped (Helm itself rejects them). */
    private static Optional<ChartEntry> readEntry(JsonParser p, String chart) throws IOException {
        String version = null;
        Optional<Instant> created = Optional.empty();
        Optional<String> home = Optional.empty();
        List<String> sources = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "version" -> version = value.isScalarValue() ? p.getText() : null;
                case "created" -> created = value.isScalarValue() ? parseInstant(p.getText()) : Optional.empty();
                case "home" -> home = value.isScalarValue() ? Optional.of(p.getText()) : Optional.empty();
                case "sources" -> sources = readStrings(p, value);
                default -> p.skipChildren();
            }
        }
        return version == null ? Optional.empty()
                : Optional.of(new ChartEntry(chart, version, created, home, sources));
    }

    private static List<String> readStrings(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t.isScalarValue()) {
                out.add(p.getText());
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    /** Helm writes RFC 3339 with an offset, {@code Z} or {@code +02:00}: compare as instants. */
    static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static SourceException notAnIndex(String location, JsonParser p, String what) {
        return new SourceException(location + ": not a Helm index (line "
                + p.currentLocation().getLineNr() + "): " + what);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }
}
