package org.helmupgradebot.shared.testing;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets for tests, made at run time: values shaped like GitHub tokens and PEM keys that the
 * redaction and sign-in code must recognise, so that no secret-looking text is ever committed.
 */
public final class TestSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private TestSecrets() {}

    /** A fresh value in the shape of a classic personal access token ({@code ghp_} and 36 characters). */
    public static String githubToken() {
        return "ghp_" + random(36);
    }

    /** A fresh value in the shape of a fine-grained personal access token. */
    public static String fineGrainedGithubToken() {
        return "github_pat_" + random(22) + "_" + random(59);
    }

    /** A fresh RSA private key. */
    public static PrivateKey rsaPrivateKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private key as PKCS#8 PEM text ({@code BEGIN PRIVATE KEY}). */
    public static String pkcs8Pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** DER bytes as PEM text with the given label, e.g. {@code RSA PRIVATE KEY} for the PKCS#1 form GitHub hands out. */
    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static String random(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return b.toString();
    }
}
