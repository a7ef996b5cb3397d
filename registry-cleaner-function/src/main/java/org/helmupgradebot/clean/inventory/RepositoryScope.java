package org.helmupgradebot.clean.inventory;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which repositories a run reads at all: names matching one of the include patterns (all when there are
 * none) and none of the exclude patterns. Each pattern must match the whole name. A repository out of
 * scope is never inventoried, so nothing in it is planned or deleted.
 */
public record RepositoryScope(List<Pattern> include, List<Pattern> exclude) {
    public RepositoryScope {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    public static RepositoryScope everything() {
        return new RepositoryScope(List.of(), List.of());
    }

    public boolean includes(String repository) {
        return (include.isEmpty() || include.stream().anyMatch(p -> p.matcher(repository).matches()))
                && exclude.stream().noneMatch(p -> p.matcher(repository).matches());
    }

    public boolean isEverything() {
        return include.isEmpty() && exclude.isEmpty();
    }

    /** For the report, e.g. {@code repositories matching binder-prod/.* except binder-prod/keep-.*}. */
    public String describe() {
        String in = include.isEmpty() ? "all repositories" : "repositories matching " + String.join(" or ",
                include.stream().map(Pattern::pattern).toList());
        return exclude.isEmpty() ? in : in + " except " + String.join(" or ", exclude.stream().map(Pattern::pattern).toList());
    }
}
