package org.helmupgradebot.shared.oci;

/**
 * Bearer tokens a caller obtains its own way, per scope (e.g. ACR's exchange of an Azure AD token),
 * for registries whose token flow is not the distribution spec's. The client asks before each request
 * and never follows a challenge's realm with them.
 */
public interface BearerTokens {
    /** The token for a scope such as {@code repository:r:pull}; implementations cache it. */
    String token(String scope);

    /** The registry refused the token for this scope: forget it, so the next {@link #token} gets a fresh one. */
    void refused(String scope);
}
