package org.helmupgradebot.shared.oci;

/**
 * A manifest as fetched: the exact bytes (digests are over these), its media type and digest.
 *
 * @param bytes raw manifest bytes
 * @param mediaType media type from {@code Content-Type}, else the manifest's own {@code mediaType} field
 * @param digest the digest the bytes were checked against (asked for, or {@code Docker-Content-Digest}), else their
 *     sha256
 */
public record Manifest(byte[] bytes, String mediaType, String digest) {
    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }
}
