package org.helmupgradebot.clean.inventory.acr;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Signs the SDK's requests with the run's {@link AcrTokens} instead of the SDK's own token service (which asks
 * the credential again for every new scope, i.e. every repository): the token for the predicted scope goes
 * with the request; a 401 gets one retry with a fresh token for the scope its challenge names.
 */
final class AcrAuthPolicy implements HttpPipelinePolicy {
    private static final Pattern SCOPE = Pattern.compile("scope=\"([^\"]*)\"");

    private final AcrTokens tokens;

    AcrAuthPolicy(AcrTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        String scope = sign(context.getHttpRequest());
        HttpResponse response = next.clone().processSync();
        if (response.getStatusCode() != 401) {
            return response;
        }
        response.close();
        resign(context.getHttpRequest(), scope, response);
        return next.processSync();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return Mono.fromCallable(() -> sign(context.getHttpRequest()))
                .flatMap(scope -> next.clone().process().flatMap(response -> {
                    if (response.getStatusCode() != 401) {
                        return Mono.just(response);
                    }
                    response.close();
                    return Mono.fromRunnable(() -> resign(context.getHttpRequest(), scope, response))
                            .then(next.process());
                }));
    }

    private String sign(HttpRequest request) {
        String scope = AcrScopes.of(request.getHttpMethod().name(), request.getUrl().getPath());
        request.setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + tokens.token(scope));
        return scope;
    }

    private void resign(HttpRequest request, String scope, HttpResponse refused) {
        tokens.refused(scope);
        String challenge = refused.getHeaderValue(HttpHeaderName.WWW_AUTHENTICATE);
        Matcher m = SCOPE.matcher(challenge == null ? "" : challenge);
        String challenged = m.find() && !m.group(1).isBlank() ? m.group(1) : scope;
        request.setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + tokens.token(challenged));
    }
}
