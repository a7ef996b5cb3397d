package org.helmupgradebot.shared.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.helmupgradebot.shared.testing.TestSecrets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void masksKnownValuesEverywhere() {
        Redactor r = new Redactor();
        r.add("hunter2-very-secret");
        assertEquals("a *** b ***", r.redact("a hunter2-very-secret b hunter2-very-secret"));
    }

    @Test
    void masksTheLongerOfTwoOverlappingSecretsWhole() {
        Redactor r = new Redactor();
        r.add("abcdef");
        r.add("abcdef-123456");
        assertEquals("x *** y ***", r.redact("x abcdef-123456 y abcdef"));
    }

    @Test
    void shortValuesAreNotMaskedSoOrdinaryTextSurvives() {
        Redactor r = new Redactor();
        r.add("main");
        assertEquals("branch main", r.redact("branch main"));
    }

    @Test
    void masksAuthorizationHeadersGithubTokensAndPrivateKeysEvenWhenUnknown() {
        Redactor r = new Redactor();
        assertEquals("Authorization: Bearer ***", r.redact("Authorization: Bearer eyJhbGciOi.abc.def"));
        assertEquals("authorization: token ***", r.redact("authorization: token abc123def456"));
        assertEquals("push with ghp_*** failed", r.redact("push with " + TestSecrets.githubToken() + " failed"));
        String pem = TestSecrets.pkcs8Pem(TestSecrets.rsaPrivateKey()).strip();
        assertEquals("key: ***", r.redact("key: " + pem));
        String pkcs1 = pem.replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY").replace("END PRIVATE KEY", "END RSA PRIVATE KEY");
        assertEquals("key: ***", r.redact("key: " + pkcs1));
    }

    @Test
    void environmentSourceReadsTheUpperCaseVariableAndRegistersTheValue() {
        Redactor r = new Redactor();
        EnvironmentSecretSource source = new EnvironmentSecretSource(Map.of("GITHUB_TOKEN", "tok-1234567890"), r);
        Secret s = source.get("github-token");
        assertEquals("tok-1234567890", s.value());
        assertEquals("Secret[github-token=***]", s.toString());
        assertEquals("sent ***", r.redact("sent tok-1234567890"));
    }

    @Test
    void environmentSourceNamesTheMissingVariable() {
        SecretException e = assertThrows(SecretException.class,
                () -> new EnvironmentSecretSource(Map.of(), new Redactor()).get("github-app-key"));
        assertEquals("environment variable GITHUB_APP_KEY (secret 'github-app-key') is not set; set it, or set "
                + "KEY_VAULT_URL to read the secret from Key Vault", e.getMessage());
        assertTrue(e.getStackTrace().length == 0);
    }
}
