package org.helmupgradebot.shared.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * How long a server asks the client to wait: {@code Retry-After} (delay seconds or an HTTP-date), or an
 * exhausted rate limit's reset time ({@code X-RateLimit-Remaining: 0} with {@code X-RateLimit-Reset}, as
 * GitHub sends), or, for a 403 that says "rate limit" and names no time, a minute (GitHub's advice for its
 * secondary limits). The one parser of these headers.
 */
public final class RetryAfter {
    private static final Duration SECONDARY_LIMIT_WAIT = Duration.ofMinutes(1);

    private RetryAfter() {}

    /** The wait the server asked for, never negative; empty when absent or unreadable. */
    public static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException tooLong) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L));
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether a response is a rate limit: 429, or a 403 with a wait, an exhausted counter or "rate limit" in its body. */
    static boolean isRateLimit(int status, HttpHeaders headers, String bodyStart) {
        if (status == 429) {
            return true;
        }
        return status == 403 && (headers.firstValue("Retry-After").isPresent() || exhausted(headers)
                || bodyStart.toLowerCase(Locale.ROOT).contains("rate limit"));
    }

    /** The wait a response asks for, from its headers (and for a headerless 403 rate limit, a minute). */
    static Optional<Duration> requested(int status, HttpHeaders headers, String bodyStart, Clock clock) {
        Optional<Duration> retryAfter = headers.firstValue("Retry-After").flatMap(v -> parse(v, clock));
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        if (exhausted(headers)) {
            Optional<String> reset = headers.firstValue("X-RateLimit-Reset");
            if (reset.isPresent() && reset.get().strip().matches("[0-9]{1,12}")) {
                long seconds = Long.parseLong(reset.get().strip()) - clock.instant().getEpochSecond() + 1;
                return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
            }
        }
        if (status == 403 && isRateLimit(status, headers, bodyStart)) {
            return Optional.of(SECONDARY_LIMIT_WAIT);
        }
        return Optional.empty();
    }

    private static boolean exhausted(HttpHeaders headers) {
        return headers.firstValue("X-RateLimit-Remaining").map(v -> v.strip().equals("0")).orElse(false);
    }
}
