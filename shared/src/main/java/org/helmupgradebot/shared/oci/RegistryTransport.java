package org.helmupgradebot.shared.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpReply;
import org.helmupgradebot.shared.http.HttpRequestSpec;
import org.helmupgradebot.shared.http.Origin;
import org.helmupgradebot.shared.http.RetryingHttpClient;

/**
 * Sends requests to one registry with the right {@code Authorization}: answers a 401 challenge once
 * (anonymous or credentialed bearer token from the realm, or basic auth) and caches the token per scope; or,
 * with caller-supplied {@link BearerTokens}, sends each request with the token for its scope.
 * Credentials and tokens belong to the registry's origin: they are sent only to it, a challenge from any
 * other origin (a storage host behind a redirect) is not answered, and a token realm on another origin is
 * asked for an anonymous token only.
 */
final class RegistryTransport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTHORIZATION = "Authorization";

    private final URI base;
    private final Origin origin;
    private final RetryingHttpClient http;
    private final Optional<Credentials> credentials;
    private final Optional<BearerTokens> tokens;
    private final Map<String, String> authByScope = new ConcurrentHashMap<>();
    private volatile boolean basicEverywhere;

    RegistryTransport(URI base, RetryingHttpClient http, Optional<Credentials> credentials,
            Optional<BearerTokens> tokens) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.origin = Origin.of(this.base);
        this.http = http;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    URI base() {
        return base;
    }

    /** An absolute URI for an API path ({@code /v2/…}) or a (relative or absolute) Location/Link target. */
    URI resolve(String pathOrUri) {
        return URI.create(base + "/").resolve(pathOrUri);
    }

    /** The registry's origin, the only one its credentials and tokens go to. */
    Origin origin() {
        return origin;
    }

    /** Sends with auth for {@code scope} (e.g. {@code repository:r:pull}); returns the final reply whatever its status. */
    HttpReply send(HttpRequestSpec spec, String scope) {
        if (!origin.contains(spec.uri())) {
            return http.send(spec.withoutHeader(AUTHORIZATION)); // e.g. an upload Location on a storage host
        }
        if (tokens.isPresent()) {
            return sendWithTokens(spec, scope, tokens.get());
        }
        String cached = authByScope.get(scope);
        HttpRequestSpec first = spec;
        if (cached != null) {
            first = spec.withHeader(AUTHORIZATION, cached);
        } else if (basicEverywhere && credentials.isPresent()) {
            first = spec.withHeader(AUTHORIZATION, credentials.get().basicHeader());
        }
        HttpReply reply = http.send(first);
        if (reply.status() != 401 || !origin.contains(reply.answeredBy())) {
            return reply; // a challenge from another origin is never answered with the registry's credentials
        }
        Optional<BearerChallenge> challenge = BearerChallenge.first(reply.headerValues("WWW-Authenticate"));
        if (challenge.isEmpty()) {
            return reply;
        }
        Optional<String> auth = answer(challenge.get(), scope, spec);
        if (auth.isEmpty()) {
            return reply;
        }
        authByScope.put(scope, auth.get());
        return http.send(spec.withHeader(AUTHORIZATION, auth.get()));
    }

    /** Sends with the caller's token for the scope; a 401 gets one retry with a fresh token for the challenged scope. */
    private HttpReply sendWithTokens(HttpRequestSpec spec, String scope, BearerTokens tokens) {
        HttpReply reply = http.send(spec.withHeader(AUTHORIZATION, "Bearer " + tokens.token(scope)));
        if (reply.status() != 401 || !origin.contains(reply.answeredBy())) {
            return reply;
        }
        tokens.refused(scope);
        String challenged = BearerChallenge.first(reply.headerValues("WWW-Authenticate"))
                .flatMap(c -> c.param("scope")).filter(s -> !s.isBlank()).orElse(scope);
        return http.send(spec.withHeader(AUTHORIZATION, "Bearer " + tokens.token(challenged)));
    }

    private Optional<String> answer(BearerChallenge challenge, String scope, HttpRequestSpec spec) {
        if (challenge.isBasic()) {
            basicEverywhere = credentials.isPresent();
            return credentials.map(Credentials::basicHeader);
        }
        String realm = challenge.param("realm").orElseThrow(() -> new HttpFailure(HttpFailure.Kind.BAD_RESPONSE,
                401, spec.method(), spec.uri(), "401 Unauthorized with a Bearer challenge that has no realm", 1, null));
        StringBuilder query = new StringBuilder();
        challenge.param("service").ifPresent(s -> append(query, "service", s));
        String scopes = challenge.param("scope").orElse(scope);
        for (String s : scopes.trim().split("\\s+")) {
            if (!s.isEmpty()) {
                append(query, "scope", s);
            }
        }
        URI tokenUri;
        try {
            tokenUri = URI.create(realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
        } catch (IllegalArgumentException e) {
            throw new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, 401, spec.method(), spec.uri(),
                    "401 Unauthorized with a Bearer realm that is not a URL", 1, null);
        }
        HttpRequestSpec tokenRequest = HttpRequestSpec.get(tokenUri);
        if (credentials.isPresent() && origin.contains(tokenUri)) {
            tokenRequest = tokenRequest.withHeader(AUTHORIZATION, credentials.get().basicHeader());
        }
        HttpReply reply = http.call(tokenRequest);
        try {
            JsonNode body = JSON.readTree(reply.body());
            JsonNode token = body.hasNonNull("token") ? body.get("token") : body.get("access_token");
            if (token == null || !token.isTextual() || token.asText().isEmpty()) {
                throw new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, reply.status(), "GET", tokenUri,
                        "token response has neither token nor access_token", reply.attempts(), null);
            }
            return Optional.of("Bearer " + token.asText());
        } catch (IOException e) {
            throw new HttpFailure(HttpFailure.Kind.BAD_RESPONSE, reply.status(), "GET", tokenUri,
                    "token response is not JSON", reply.attempts(), null);
        }
    }

    private static void append(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
