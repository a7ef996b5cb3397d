package org.helmupgradebot.shared.http;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.HttpClientOptions;
import java.time.Duration;

/**
 * The HTTP bounds of every Azure SDK client (ACR, Key Vault, Blob), set in one place to match
 * {@link HttpOptions#defaults()}: bounded connect, response and read timeouts, and one small retry budget
 * (the SDK's own pipeline is the only layer that retries its calls).
 */
public final class AzureSdkHttp {
    private AzureSdkHttp() {}

    /** 10 s to connect, 20 s for the response headers, 20 s between reads or writes. */
    public static HttpClientOptions clientOptions() {
        return new HttpClientOptions()
                .setConnectTimeout(Duration.ofSeconds(10))
                .setResponseTimeout(Duration.ofSeconds(20))
                .setReadTimeout(Duration.ofSeconds(20))
                .setWriteTimeout(Duration.ofSeconds(20));
    }

    /** Two retries, 250 ms doubling to at most 2 s: an unreachable service fails in seconds, not minutes. */
    public static RetryOptions retryOptions() {
        return new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(2).setBaseDelay(Duration.ofMillis(250)).setMaxDelay(Duration.ofSeconds(2)));
    }
}
