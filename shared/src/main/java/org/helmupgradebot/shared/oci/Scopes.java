package org.helmupgradebot.shared.oci;

/** Token scopes as the distribution token spec spells them. */
final class Scopes {
    static final String CATALOG = "registry:catalog:*";

    private Scopes() {}

    static String pull(String repository) {
        return "repository:" + repository + ":pull";
    }

    static String push(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    static String delete(String repository) {
        return "repository:" + repository + ":delete";
    }
}
