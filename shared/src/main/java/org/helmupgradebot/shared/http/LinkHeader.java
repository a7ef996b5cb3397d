package org.helmupgradebot.shared.http;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code rel="next"} target in RFC 8288 {@code Link} headers (how /v2/ lists and GitHub's API paginate). */
public final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";,]*)\"?");

    private LinkHeader() {}

    /** The target of the first {@code rel="next"} link, as written (relative or absolute). */
    public static Optional<String> next(List<String> headers) {
        for (String header : headers) {
            Matcher m = LINK.matcher(header);
            while (m.find()) {
                Matcher rel = REL_NEXT.matcher(m.group(2));
                while (rel.find()) {
                    for (String r : rel.group(1).trim().split("\\s+")) {
                        if (r.equalsIgnoreCase("next")) {
                            return Optional.of(m.group(1));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
