package org.helmupgradebot.clean.inventory.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an image config's {@code created}: the instant, or why there is none. Never guesses: a
 * missing, unparseable or placeholder date (reproducible builds write 1970 or year 1) gives a problem.
 */
final class ConfigCreated {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Before this, a date is a build-tool placeholder, not when the image was built. */
    private static final Instant PLACEHOLDER_BEFORE = Instant.parse("1980-01-02T00:00:00Z");

    /** The date, or the problem that replaces it. */
    record Result(Optional<Instant> created, Optional<String> problem) {}

    private ConfigCreated() {}

    static Result read(byte[] config, String configDigest) {
        JsonNode created;
        try {
            created = JSON.readTree(config).path("created");
        } catch (IOException e) {
            return problem("config blob " + configDigest + " is not JSON");
        }
        if (!created.isTextual()) {
            return problem("config blob " + configDigest + " has no created date");
        }
        String text = created.textValue();
        Instant at;
        try {
            at = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return problem("unparseable created '" + shorten(text) + "' in config blob " + configDigest);
        }
        if (at.isBefore(PLACEHOLDER_BEFORE)) {
            return problem("created '" + text + "' in config blob " + configDigest + " is a placeholder date");
        }
        return new Result(Optional.of(at), Optional.empty());
    }

    private static Result problem(String why) {
        return new Result(Optional.empty(), Optional.of(why));
    }

    private static String shorten(String s) {
        String one = s.replaceAll("[\\r\\n]+", " ");
        return one.length() > 60 ? one.substring(0, 60) + "…" : one;
    }
}
