package org.helmupgradebot.shared.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Content digests ({@code sha256:<hex>}) as the distribution API uses them. */
public final class Digests {
    private Digests() {}

    public static String sha256(byte[] bytes) {
        return of("sha256", bytes).orElseThrow();
    }

    /** True for a reference that is a digest ({@code algo:hex}) rather than a tag. */
    public static boolean isDigest(String reference) {
        return reference != null && reference.matches("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");
    }

    /** True when {@code bytes} hash to {@code digest}; false also for an algorithm other than sha256/sha512. */
    public static boolean matches(String digest, byte[] bytes) {
        int colon = digest == null ? -1 : digest.indexOf(':');
        return colon > 0 && of(digest.substring(0, colon), bytes).map(digest::equals).orElse(false);
    }

    /** The digest of {@code bytes} under a registered algorithm ({@code sha256}, {@code sha512}). */
    private static Optional<String> of(String algorithm, byte[] bytes) {
        String jca = switch (algorithm) {
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> null;
        };
        if (jca == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(algorithm + ":" + HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " missing from the JDK", e);
        }
    }
}
