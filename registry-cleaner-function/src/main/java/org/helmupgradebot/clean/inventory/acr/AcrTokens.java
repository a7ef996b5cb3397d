package org.helmupgradebot.clean.inventory.acr;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.helmupgradebot.shared.http.HttpFailure;
import org.helmupgradebot.shared.http.HttpReply;
import org.helmupgradebot.shared.http.HttpRequestSpec;
import org.helmupgradebot.shared.http.RetryingHttpClient;
import org.helmupgradebot.shared.oci.BearerTokens;

/**
 * ACR's sign-in for a whole run: one Azure AD token from the credential (one {@code az} launch or managed-identity
 * call), exchanged once at {@code /oauth2/exchange} for a registry-wide refresh token, which buys an access token
 * per scope at {@code /oauth2/token}. Each is cached until shortly before it expires; a refused access token is
 * dropped and bought again. Tokens go only to the registry's own login server. Thread-safe.
 */
public final class AcrTokens implements BearerTokens {
    /** The audience of ACR's data plane in Azure's public cloud. */
    static final String AAD_SCOPE = "https://containerregistry.azure.net/.default";
    /** A token is renewed this long before it expires, so none runs out in flight. */
    private static final Duration MARGIN = Duration.ofMinutes(2);
    /** Lifetime assumed for a token that carries no {@code exp} (ACR's access tokens last 75 minutes). */
    private static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI loginServer;
    private final String service;
    private final RetryingHttpClient http;
    private final TokenCredential credential;
    private final Clock clock;
    private final Map<String, Token> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private Token aad;
    private Token refresh;

    private record Token(String value, Instant expiresAt) {}

    public AcrTokens(URI loginServer, RetryingHttpClient http, TokenCredential credential, Clock clock) {
        this.loginServer = loginServer;
        this.service = loginServer.getHost();
        this.http = http;
        this.credential = credential;
        this.clock = clock;
    }

    @Override
    public String token(String scope) {
        Token cached = accessTokens.get(scope);
        if (fresh(cached)) {
            return cached.value();
        }
        synchronized (locks.computeIfAbsent(scope, s -> new Object())) {
            cached = accessTokens.get(scope);
            if (!fresh(cached)) {
                cached = accessToken(scope);
                accessTokens.put(scope, cached);
            }
            return cached.value();
        }
    }

    @Override
    public void refused(String scope) {
        accessTokens.remove(scope);
    }

    private Token accessToken(String scope) {
        HttpReply reply = post("/oauth2/token", Map.of("grant_type", "refresh_token", "service", service,
                "scope", scope, "refresh_token", refreshToken()));
        if (HttpFailure.kindOf(reply.status()) == HttpFailure.Kind.UNAUTHORIZED) {
            // The refresh token was revoked or ran out early: exchange once more, then ask again.
            dropRefreshToken();
            reply = post("/oauth2/token", Map.of("grant_type", "refresh_token", "service", service,
                    "scope", scope, "refresh_token", refreshToken()));
        }
        return read(reply, "access_token");
    }

    private synchronized String refreshToken() {
        if (!fresh(refresh)) {
            refresh = read(post("/oauth2/exchange", Map.of("grant_type", "access_token", "service", service,
                    "access_token", aadToken())), "refresh_token");
        }
        return refresh.value();
    }

    private synchronized void dropRefreshToken() {
        refresh = null;
    }

    private synchronized String aadToken() {
        if (!fresh(aad)) {
            AccessToken t;
            try {
                t = credential.getTokenSync(new TokenRequestContext().addScopes(AAD_SCOPE));
            } catch (RuntimeException e) {
                throw new AcrSignInException("could not get an Azure AD token (check the credential: "
                        + firstLine(e) + ")", 401, e);
            }
            if (t == null || t.getToken() == null) {
                throw new AcrSignInException("the credential gave no Azure AD token", 401, null);
            }
            aad = new Token(t.getToken(), t.getExpiresAt() == null ? clock.instant().plus(ASSUMED_LIFETIME)
                    : t.getExpiresAt().toInstant());
        }
        return aad.value();
    }

    private HttpReply post(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequestSpec spec = HttpRequestSpec.post(loginServer.resolve(path), body.toString().getBytes(StandardCharsets.UTF_8))
                .withHeader("Content-Type", "application/x-www-form-urlencoded");
        try {
            return http.send(spec);
        } catch (HttpFailure f) {
            throw new AcrSignInException("could not sign in: " + f.getMessage(), f.status(), f);
        }
    }

    private Token read(HttpReply reply, String field) {
        if (!reply.isSuccess()) {
            HttpFailure f = HttpFailure.forReply(reply);
            throw new AcrSignInException("could not sign in: " + f.getMessage(), reply.status(), f);
        }
        try {
            JsonNode token = JSON.readTree(reply.body()).path(field);
            if (!token.isTextual() || token.asText().isEmpty()) {
                throw new AcrSignInException("could not sign in: " + reply.method() + " " + reply.uri().getPath()
                        + " answered without " + field, reply.status(), null);
            }
            return new Token(token.asText(), expiry(token.asText()));
        } catch (IOException e) {
            throw new AcrSignInException("could not sign in: " + reply.uri().getPath() + " answered with no JSON",
                    reply.status(), e);
        }
    }

    /** The JWT's {@code exp}, else a conservative lifetime from now. */
    private Instant expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length >= 2) {
            try {
                JsonNode exp = JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("exp");
                if (exp.canConvertToLong()) {
                    return Instant.ofEpochSecond(exp.longValue());
                }
            } catch (IOException | IllegalArgumentException notAJwt) {
                // Opaque token: assume the lifetime below.
            }
        }
        return clock.instant().plus(ASSUMED_LIFETIME);
    }

    private boolean fresh(Token t) {
        return t != null && clock.instant().plus(MARGIN).isBefore(t.expiresAt());
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("").strip();
    }

    /** Signing in to the registry failed; the message is one line and holds no token. */
    static final class AcrSignInException extends org.helmupgradebot.clean.inventory.RegistryException {
        AcrSignInException(String message, int status, Throwable cause) {
            super(message, status, cause);
        }
    }
}
