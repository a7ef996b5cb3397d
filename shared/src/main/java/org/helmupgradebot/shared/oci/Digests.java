package org.helmupgradebot.shared.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests ({@code sha256:<hex>}) as the distribution API uses them. */
public final class Digests {
    private Digests() {}

    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** True for a reference that is a digest ({@code algo:hex}) rather than a tag. */
    public static boolean isDigest(String reference) {
        return reference != null && reference.matches("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");
    }
}
