package org.helmupgradebot.shared.oci;

/** What a manifest delete found: 202 deleted it, 404 means it was already gone. */
public enum DeleteResult { DELETED, NOT_FOUND }
