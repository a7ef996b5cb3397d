package org.helmupgradebot.upgrade.version;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helmupgradebot.shared.testing.Fixtures;
import org.yaml.snakeyaml.LoaderOptions;

/** Test helper: streams a real Helm {@code index.yaml} into chart name → offered versions with their dates. */
final class HelmIndexFixture {

    private HelmIndexFixture() {}

    /** Loads {@code helm-index/<name>} from the real fixtures; skips the calling test when they are absent. */
    static Map<String, List<Candidate>> load(String name) {
        Path file = Fixtures.path("helm-index/" + name);
        try {
            return load(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, List<Candidate>> load(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        YAMLFactory yaml = YAMLFactory.builder().loaderOptions(options).build();
        Map<String, List<Candidate>> charts = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); JsonParser p = yaml.createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, file);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("entries")) {
                    p.skipChildren();
                    continue;
                }
                expect(p.currentToken(), JsonToken.START_OBJECT, file);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String chart = p.currentName();
                    expect(p.nextToken(), JsonToken.START_ARRAY, file);
                    List<Candidate> list = new ArrayList<>();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        list.add(entry(p, file, chart));
                    }
                    charts.put(chart, List.copyOf(list));
                }
            }
        }
        return charts;
    }

    private static Candidate entry(JsonParser p, Path file, String chart) throws IOException {
        String version = null;
        Optional<java.time.Instant> created = Optional.empty();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("version")) {
                version = p.getText(); // the scalar as written, even if it looks like a number
            } else if (field.equals("created")) {
                created = Optional.of(OffsetDateTime.parse(p.getText()).toInstant());
            } else {
                p.skipChildren();
            }
        }
        if (version == null) {
            throw new IllegalStateException(file + ": an entry of chart " + chart + " has no version");
        }
        return new Candidate(version, created);
    }

    private static void expect(JsonToken got, JsonToken wanted, Path file) {
        if (got != wanted) {
            throw new IllegalStateException(file + ": expected " + wanted + " but found " + got);
        }
    }
}
