package org.helmupgradebot.clean.inventory.oci;

/** An OCI content descriptor as a manifest lists it: media type, digest, size in bytes. */
public record Descriptor(String mediaType, String digest, long size) {}
