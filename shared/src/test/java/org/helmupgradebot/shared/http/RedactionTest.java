package org.helmupgradebot.shared.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void dropsUserInfoAndHidesTokenParameters() {
        assertEquals("https://auth.docker.io/token?service=registry.docker.io&scope=repository:library/x:pull",
                Redaction.uri(URI.create(
                        "https://auth.docker.io/token?service=registry.docker.io&scope=repository:library/x:pull")));
        assertEquals("https://example.org:8443/a?refresh_token=***&X-Amz-Signature=***&myToken=***&q=1",
                Redaction.uri(URI.create(
                        "https://bob:hunter2@example.org:8443/a?refresh_token=r&X-Amz-Signature=s&myToken=t&q=1")));
    }

    @Test
    void plainUrisAreUnchanged() {
        assertEquals("http://127.0.0.1:8080/index.yaml", Redaction.uri(URI.create("http://127.0.0.1:8080/index.yaml")));
    }
}
