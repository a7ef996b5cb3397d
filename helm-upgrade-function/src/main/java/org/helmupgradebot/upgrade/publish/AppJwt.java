package org.helmupgradebot.upgrade.publish;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/** Builds the short-lived RS256 JSON Web Token a GitHub App signs in with, using only the JDK. */
final class AppJwt {
    // DER of AlgorithmIdentifier { rsaEncryption, NULL }, used to wrap a PKCS#1 key as PKCS#8.
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01,
        0x05, 0x00};

    private AppJwt() {}

    /** A token valid from a minute ago (clock drift) for nine minutes (GitHub's cap is ten). */
    static String create(String appId, String pem, Instant now) {
        PrivateKey key = parse(pem, appId);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iat\":" + (now.getEpochSecond() - 60) + ",\"exp\":"
                + (now.getEpochSecond() + 540) + ",\"iss\":\"" + appId.replaceAll("[^0-9A-Za-z._-]", "")
                + "\"}").getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new PublishException("cannot sign the GitHub App " + appId + " token: " + e.getClass().getSimpleName());
        }
    }

    private static PrivateKey parse(String pem, String appId) {
        if (pem == null) {
            throw new PublishException("GitHub App " + appId + ": no private key given");
        }
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !pem.contains("BEGIN PRIVATE KEY")) {
            throw new PublishException("GitHub App " + appId + ": the private key is not a PEM RSA key"
                    + " (expected 'BEGIN RSA PRIVATE KEY' or 'BEGIN PRIVATE KEY')");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            byte[] pkcs8 = pkcs1 ? wrapPkcs1(der) : der;
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new PublishException("GitHub App " + appId + ": the private key cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(new byte[] {0x02, 0x01, 0x00}); // version 0
        inner.writeBytes(RSA_ALGORITHM);
        inner.write(0x04); // OCTET STRING holding the PKCS#1 key
        inner.writeBytes(length(pkcs1.length));
        inner.writeBytes(pkcs1);
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        outer.write(0x30);
        outer.writeBytes(length(inner.size()));
        outer.writeBytes(inner.toByteArray());
        return outer.toByteArray();
    }

    private static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        if (n < 0x100) {
            return new byte[] {(byte) 0x81, (byte) n};
        }
        if (n < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        }
        return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
}
