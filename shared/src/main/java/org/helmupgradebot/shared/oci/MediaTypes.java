package org.helmupgradebot.shared.oci;

import java.util.Set;

/** The manifest, config and layer media types the client asks for and recognises. */
public final class MediaTypes {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";

    /** What a manifest GET accepts, image manifests and indexes of both families. */
    public static final String MANIFEST_ACCEPT = String.join(", ",
            OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

    private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
    private static final Set<String> IMAGE_CONFIGS = Set.of(OCI_CONFIG, DOCKER_CONFIG);

    private MediaTypes() {}

    /** True for an OCI image index or a Docker manifest list. */
    public static boolean isIndex(String mediaType) {
        return mediaType != null && INDEXES.contains(base(mediaType));
    }

    /** True for a config blob that is an image config (and so carries {@code created}). */
    public static boolean isImageConfig(String mediaType) {
        return mediaType != null && IMAGE_CONFIGS.contains(base(mediaType));
    }

    /** The media type without parameters such as {@code ; charset=utf-8}. */
    public static String base(String mediaType) {
        int semi = mediaType.indexOf(';');
        return (semi >= 0 ? mediaType.substring(0, semi) : mediaType).strip();
    }
}
