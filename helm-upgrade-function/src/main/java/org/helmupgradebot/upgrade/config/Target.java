package org.helmupgradebot.upgrade.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One config repo (a GitHub repository or a local folder) and the files in it that pin versions.
 *
 * @param name short name, unique in the config; names the bot's branch {@code helm-upgrade-bot/<name>}
 * @param dir local folder holding the files (exclusive with {@code repo})
 * @param repo GitHub repository {@code owner/name} (exclusive with {@code dir})
 * @param branch base branch on GitHub (empty: the repository's default branch)
 * @param chartFiles Chart.yaml / requirements.yaml paths relative to the root
 * @param imageFiles values files, with the YAML paths of the image references in them (or none: found)
 * @param rules per-dependency version rules, by chart name or image repository
 * @param labels labels for the pull request
 * @param reviewers GitHub logins asked to review the pull request
 * @param fork push to the bot account's fork instead of a branch of the config repo
 * @param dashboard keep a dashboard issue in the config repo (GitHub targets; needs issues: write)
 */
public record Target(
        String name,
        Optional<Path> dir,
        Optional<String> repo,
        Optional<String> branch,
        List<String> chartFiles,
        List<ImageFile> imageFiles,
        Map<String, DependencyRule> rules,
        List<String> labels,
        List<String> reviewers,
        boolean fork,
        boolean dashboard) {

    /** A target without a dashboard issue. */
    public Target(String name, Optional<Path> dir, Optional<String> repo, Optional<String> branch,
                  List<String> chartFiles, List<ImageFile> imageFiles, Map<String, DependencyRule> rules,
                  List<String> labels, List<String> reviewers, boolean fork) {
        this(name, dir, repo, branch, chartFiles, imageFiles, rules, labels, reviewers, fork, false);
    }

    public Target {
        chartFiles = List.copyOf(chartFiles);
        imageFiles = List.copyOf(imageFiles);
        rules = Map.copyOf(rules);
        labels = List.copyOf(labels);
        reviewers = List.copyOf(reviewers);
    }

    /**
     * A values file and the dotted YAML paths of the image references it holds. Without paths, every image in
     * the file is a pin (every {@code image:} mapping and every {@code registry/name:tag} text) except those
     * named in {@code exclude} (by image name or by location).
     */
    public record ImageFile(String file, List<String> paths, List<String> exclude) {
        public ImageFile {
            paths = List.copyOf(paths);
            exclude = List.copyOf(exclude);
        }

        /** A values file with the image paths given. */
        public ImageFile(String file, List<String> paths) {
            this(file, paths, List.of());
        }

        /** True when the images are found without paths. */
        public boolean discover() {
            return paths.isEmpty();
        }
    }

    /** The rule for one dependency, or the default rule. */
    public DependencyRule ruleFor(String dependency) {
        return rules.getOrDefault(dependency, DependencyRule.DEFAULT);
    }

    /** Where the files come from, for messages: the folder or {@code owner/name}. */
    public String where() {
        return dir.map(Path::toString).orElseGet(() -> repo.orElse(name));
    }
}
