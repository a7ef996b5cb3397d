package org.helmupgradebot.upgrade.config;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.helmupgradebot.upgrade.files.FileReadException;
import org.helmupgradebot.upgrade.files.LocalFile;
import org.helmupgradebot.upgrade.version.Prerelease;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and validates the bot's YAML configuration, reporting every problem with its
 * {@code file:line:column} rather than stopping at the first.
 */
public final class ConfigLoader {
    private static final Set<String> TOP_KEYS = Set.of("targets", "mirrors");
    private static final Set<String> TARGET_KEYS = Set.of("name", "dir", "repo", "branch", "charts", "images",
            "dependencies", "labels", "reviewers", "fork", "dashboard");
    private static final Set<String> RULE_KEYS = Set.of("prerelease", "allowed", "ignore", "source", "major",
            "minimumReleaseAge");
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([mhdw])");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern LOCATED = Pattern.compile("^[^:]*:(\\d+):(\\d+): ");

    /** The largest config file read (the YAML parser below takes at most 1 M code points). */
    static final long MAX_CONFIG_BYTES = 1 << 20;

    private final RangeCheck rangeCheck;

    /** Checks an allowed-range string; returns an error text or empty. */
    @FunctionalInterface
    public interface RangeCheck {
        Optional<String> problem(String range);
    }

    public ConfigLoader(RangeCheck rangeCheck) {
        this.rangeCheck = rangeCheck;
    }

    /** Loads a config file; relative {@code dir} values are resolved against the file's folder. */
    public BotConfig load(Path file) {
        String text;
        try {
            text = LocalFile.readText(file, MAX_CONFIG_BYTES, "config file");
        } catch (FileReadException e) {
            throw new ConfigException(List.of(e.getMessage()));
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), base);
    }

    /** Parses config text; {@code name} is used in messages. */
    public BotConfig parse(String text, String name, Path base) {
        return parse(text, name, base, Optional.empty());
    }

    /**
     * Parses the config file kept in a config repository ({@code owner/name}). Its targets are that
     * repository: {@code repo:} may be left out (and may name no other repository), and nothing in it may
     * point at this machine's files ({@code dir:}, folder mirrors).
     */
    public BotConfig parseRepositoryFile(String text, String name, String repository) {
        return parse(text, name, null, Optional.of(repository));
    }

    private BotConfig parse(String text, String name, Path base, Optional<String> home) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setCodePointLimit((int) MAX_CONFIG_BYTES);
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = m == null ? name : name + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            throw new ConfigException(List.of(where + ": malformed YAML: " + oneLine(e.getProblem())));
        } catch (YAMLException e) {
            throw new ConfigException(List.of(name + ": malformed YAML: " + oneLine(e.getMessage())));
        }
        Reader r = new Reader(name, base, home);
        BotConfig config = r.config(root);
        if (!r.problems.isEmpty()) {
            r.problems.sort(java.util.Comparator.comparingLong(ConfigLoader::position));
            throw new ConfigException(r.problems);
        }
        return config;
    }

    /** A mirror given as a folder path (no URL scheme) is resolved against {@code base} to a file URL. */
    public static String mirrorUrl(String value, Path base) {
        if (value.contains("://") || value.startsWith("file:")) {
            return value;
        }
        Path dir = base == null ? Path.of(value) : base.resolve(value);
        String uri = dir.toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /**
     * Why a mirror value cannot be used, or empty: it must be an http(s) URL or a folder that exists
     * (a path, or a {@code file:} URL).
     */
    public static Optional<String> mirrorProblem(String value, Path base) {
        if (value.startsWith("http://") || value.startsWith("https://")) {
            try {
                java.net.URI uri = new java.net.URI(value);
                return uri.getHost() == null
                        ? Optional.of("'" + value + "' has no host") : Optional.empty();
            } catch (java.net.URISyntaxException e) {
                return Optional.of("'" + value + "' is not a valid URL: " + e.getReason());
            }
        }
        if (value.contains("://") && !value.startsWith("file:")) {
            return Optional.of("'" + value + "' is neither an http(s) URL nor a folder");
        }
        Path dir;
        try {
            dir = Path.of(java.net.URI.create(mirrorUrl(value, base)));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.of("'" + value + "' is neither an http(s) URL nor a folder");
        }
        return Files.isDirectory(dir) ? Optional.empty()
                : Optional.of("'" + value + "' is neither an http(s) URL nor an existing folder (" + dir + ")");
    }

    /** A duration such as {@code 3d}, {@code 12h}, {@code 30m} or {@code 2w}; empty when it is not one. */
    public static Optional<java.time.Duration> age(String text) {
        java.util.regex.Matcher m = AGE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            case "d" -> java.time.Duration.ofDays(n);
            default -> java.time.Duration.ofDays(7 * n);
        });
    }

    /** Sort key of a located problem line: line, then column; unlocated ones first. */
    private static long position(String problem) {
        java.util.regex.Matcher m = LOCATED.matcher(problem);
        return m.find() ? Long.parseLong(m.group(1)) * 100_000 + Long.parseLong(m.group(2)) : 0;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    /** One pass over the node tree, collecting problems. */
    private final class Reader {
        final String file;
        final Path base;
        /** The repository whose own file this is, if it is one. */
        final Optional<String> home;
        final List<String> problems = new ArrayList<>();

        Reader(String file, Path base, Optional<String> home) {
            this.file = file;
            this.base = base;
            this.home = home;
        }

        void problem(Node at, String path, String what) {
            Mark m = at.getStartMark();
            problems.add(file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": " + path + ": " + what);
        }

        BotConfig config(Node root) {
            if (!(root instanceof MappingNode map)) {
                problems.add(file + ": the config must be a mapping with 'targets' (and optionally 'mirrors')");
                return new BotConfig(List.of(), Map.of());
            }
            Map<String, Node> top = fields(map, "", TOP_KEYS);
            Map<String, String> mirrors = new LinkedHashMap<>();
            if (top.containsKey("mirrors")) {
                stringMap(top.get("mirrors"), "mirrors").forEach((from, to) -> {
                    if (home.isPresent() && !to.value().matches("https?://.+")) {
                        problem(to.node(), "mirrors." + from, "'" + to.value() + "' is not an http(s) URL "
                                + "(a config repository's file cannot name local folders)");
                        return;
                    }
                    Optional<String> bad = mirrorProblem(to.value(), base);
                    if (bad.isPresent()) {
                        problem(to.node(), "mirrors." + from, bad.get());
                    } else {
                        mirrors.put(from, mirrorUrl(to.value(), base));
                    }
                });
            }
            List<Target> targets = new ArrayList<>();
            Node targetsNode = top.get("targets");
            if (targetsNode == null) {
                problem(map, "targets", "missing: list at least one target");
            } else if (!(targetsNode instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                problem(targetsNode, "targets", "must be a non-empty list");
            } else {
                Set<String> names = new java.util.HashSet<>();
                for (int i = 0; i < seq.getValue().size(); i++) {
                    Node t = seq.getValue().get(i);
                    Target target = target(t, "targets[" + i + "]");
                    if (target != null) {
                        if (!names.add(target.name())) {
                            problem(t, "targets[" + i + "].name", "duplicate target name '" + target.name() + "'");
                        }
                        targets.add(target);
                    }
                }
            }
            return new BotConfig(targets, mirrors);
        }

        Target target(Node node, String path) {
            if (!(node instanceof MappingNode map)) {
                problem(node, path, "must be a mapping");
                return null;
            }
            Map<String, Node> f = fields(map, path + ".", TARGET_KEYS);
            String name = scalar(f.get("name"), path + ".name").orElse(null);
            if (name == null && !f.containsKey("name")) {
                problem(map, path + ".name", "missing");
            } else if (name != null && !NAME.matcher(name).matches()) {
                problem(f.get("name"), path + ".name", "use letters, digits, '.', '_' or '-' only");
            }
            Optional<String> dir = scalar(f.get("dir"), path + ".dir");
            Optional<String> repo = scalar(f.get("repo"), path + ".repo");
            if (home.isPresent()) {
                dir.ifPresent(d -> problem(f.get("dir"), path + ".dir",
                        "not allowed in a config repository's file (its targets are files of " + home.get() + ")"));
                dir = Optional.empty();
                repo.filter(r -> !r.equals(home.get())).ifPresent(r -> problem(f.get("repo"), path + ".repo",
                        "'" + r + "' is not " + home.get() + " (a config repository's file describes only itself)"));
                repo = home;
            } else if (dir.isPresent() == repo.isPresent()) {
                problem(map, path, "give exactly one of 'dir' (a local folder) or 'repo' (owner/name)");
            }
            repo.filter(r -> !RepositoryName.isValid(r))
                    .ifPresent(r -> problem(f.get("repo"), path + ".repo", "'" + r + "' is not owner/name"));
            Optional<Path> dirPath = dir.map(d -> base == null ? Path.of(d) : base.resolve(d).normalize());
            dirPath.filter(p -> !Files.isDirectory(p))
                    .ifPresent(p -> problem(f.get("dir"), path + ".dir", "folder " + p + " not found"));
            List<String> charts = strings(f.get("charts"), path + ".charts");
            List<Target.ImageFile> images = images(f.get("images"), path + ".images");
            if (charts.isEmpty() && images.isEmpty()) {
                problem(map, path, "list files to check under 'charts' and/or 'images'");
            }
            Map<String, DependencyRule> rules = rules(f.get("dependencies"), path + ".dependencies");
            boolean fork = bool(f.get("fork"), path + ".fork").orElse(false);
            boolean dashboard = bool(f.get("dashboard"), path + ".dashboard").orElse(false);
            if (dashboard && repo.isEmpty() && f.containsKey("dashboard")) {
                problem(f.get("dashboard"), path + ".dashboard", "needs 'repo': a dashboard is a GitHub issue");
            }
            return new Target(name == null ? "" : name, dirPath, repo, scalar(f.get("branch"), path + ".branch"),
                    charts, images, rules, strings(f.get("labels"), path + ".labels"),
                    strings(f.get("reviewers"), path + ".reviewers"), fork, dashboard);
        }

        List<Target.ImageFile> images(Node node, String path) {
            if (node == null) {
                return List.of();
            }
            if (!(node instanceof SequenceNode seq)) {
                problem(node, path, "must be a list of {file, paths} or {file, exclude}");
                return List.of();
            }
            List<Target.ImageFile> out = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                String p = path + "[" + i + "]";
                if (!(item instanceof MappingNode m)) {
                    problem(item, p, "must be a mapping {file, paths}");
                    continue;
                }
                Map<String, Node> f = fields(m, p + ".", Set.of("file", "paths", "exclude"));
                Optional<String> file = scalar(f.get("file"), p + ".file");
                List<String> paths = strings(f.get("paths"), p + ".paths");
                List<String> exclude = strings(f.get("exclude"), p + ".exclude");
                if (file.isEmpty()) {
                    problem(m, p + ".file", "missing");
                }
                if (f.containsKey("paths") && paths.isEmpty()) {
                    problem(f.get("paths"), p + ".paths", "list at least one dotted YAML path, or leave 'paths' out to find every image");
                }
                if (f.containsKey("paths") && f.containsKey("exclude")) {
                    problem(f.get("exclude"), p + ".exclude", "applies only to a file listed without 'paths'");
                }
                file.ifPresent(fl -> out.add(new Target.ImageFile(fl, paths, exclude)));
            }
            return out;
        }

        Map<String, DependencyRule> rules(Node node, String path) {
            Map<String, DependencyRule> out = new LinkedHashMap<>();
            if (node == null) {
                return out;
            }
            if (!(node instanceof MappingNode map)) {
                problem(node, path, "must map dependency names to {prerelease, allowed, ignore, source, major, minimumReleaseAge}");
                return out;
            }
            duplicates(map, path + ".");
            for (NodeTuple t : map.getValue()) {
                String dep = keyName(t, path);
                if (dep == null) {
                    continue;
                }
                String p = path + "." + dep;
                if (!(t.getValueNode() instanceof MappingNode m)) {
                    problem(t.getValueNode(), p, "must be a mapping {prerelease, allowed, ignore, source, major, minimumReleaseAge}");
                    continue;
                }
                Map<String, Node> f = fields(m, p + ".", RULE_KEYS);
                String pre = scalar(f.get("prerelease"), p + ".prerelease").orElse("auto");
                if (Prerelease.parse(pre).isEmpty()) {
                    problem(f.get("prerelease"), p + ".prerelease", "'" + pre + "' is not " + Prerelease.WORDS);
                }
                Optional<String> allowed = scalar(f.get("allowed"), p + ".allowed");
                allowed.flatMap(rangeCheck::problem)
                        .ifPresent(why -> problem(f.get("allowed"), p + ".allowed", why));
                Optional<String> source = scalar(f.get("source"), p + ".source");
                source.filter(s -> !RepositoryName.isValid(s)).ifPresent(s -> problem(f.get("source"),
                        p + ".source", "'" + s + "' is not owner/name (the GitHub repository it is built from)"));
                String majorText = scalar(f.get("major"), p + ".major").orElse("together");
                DependencyRule.Major major = switch (majorText) {
                    case "together" -> DependencyRule.Major.TOGETHER;
                    case "separate" -> DependencyRule.Major.SEPARATE;
                    case "ignore" -> DependencyRule.Major.IGNORE;
                    default -> {
                        problem(f.get("major"), p + ".major", "'" + majorText + "' is not together, separate or ignore");
                        yield DependencyRule.Major.TOGETHER;
                    }
                };
                Optional<java.time.Duration> minAge = Optional.empty();
                Optional<String> ageText = scalar(f.get("minimumReleaseAge"), p + ".minimumReleaseAge");
                if (ageText.isPresent()) {
                    minAge = age(ageText.get());
                    if (minAge.isEmpty()) {
                        problem(f.get("minimumReleaseAge"), p + ".minimumReleaseAge",
                                "'" + ageText.get() + "' is not a duration such as 3d, 12h, 30m or 2w");
                    }
                }
                out.putIfAbsent(dep, new DependencyRule(pre, allowed, bool(f.get("ignore"), p + ".ignore").orElse(false),
                        source.filter(RepositoryName::isValid), major, minAge));
            }
            return out;
        }

        Map<String, Node> fields(MappingNode map, String prefix, Set<String> known) {
            Map<String, Node> out = new LinkedHashMap<>();
            duplicates(map, prefix);
            for (NodeTuple t : map.getValue()) {
                String key = keyName(t, prefix);
                if (key == null) {
                    continue;
                }
                if (!known.contains(key)) {
                    problem(t.getKeyNode(), prefix + key, "unknown key (expected one of " + new java.util.TreeSet<>(known) + ")");
                    continue;
                }
                out.putIfAbsent(key, t.getValueNode()); // a duplicate is reported; the first one is read
            }
            return out;
        }

        /** A key given twice is a problem (YAML readers differ on which one wins), reported at the second. */
        void duplicates(MappingNode map, String prefix) {
            Map<String, Node> seen = new java.util.HashMap<>();
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s) {
                    Node first = seen.putIfAbsent(s.getValue(), s);
                    if (first != null) {
                        problem(s, prefix + s.getValue(), "duplicate key (first at line "
                                + (first.getStartMark().getLine() + 1) + ")");
                    }
                }
            }
        }

        String keyName(NodeTuple t, String path) {
            if (t.getKeyNode() instanceof ScalarNode s) {
                return s.getValue();
            }
            problem(t.getKeyNode(), path, "keys must be plain strings");
            return null;
        }

        Optional<String> scalar(Node node, String path) {
            if (node == null) {
                return Optional.empty();
            }
            if (node instanceof ScalarNode s && !s.getValue().isBlank()) {
                return Optional.of(s.getValue());
            }
            problem(node, path, "must be a non-empty string");
            return Optional.empty();
        }

        Optional<Boolean> bool(Node node, String path) {
            if (node == null) {
                return Optional.empty();
            }
            if (node instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
                return Optional.of(Boolean.parseBoolean(s.getValue()));
            }
            problem(node, path, "must be true or false");
            return Optional.empty();
        }

        List<String> strings(Node node, String path) {
            if (node == null) {
                return List.of();
            }
            if (!(node instanceof SequenceNode seq)) {
                problem(node, path, "must be a list of strings");
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                scalar(seq.getValue().get(i), path + "[" + i + "]").ifPresent(out::add);
            }
            return out;
        }

        /** A value with the node it was read from, for messages about it. */
        record Located(String value, Node node) {}

        Map<String, Located> stringMap(Node node, String path) {
            Map<String, Located> out = new LinkedHashMap<>();
            if (!(node instanceof MappingNode map)) {
                problem(node, path, "must map a URL prefix or registry host to a URL or folder");
                return out;
            }
            duplicates(map, path + ".");
            for (NodeTuple t : map.getValue()) {
                String key = keyName(t, path);
                if (key != null) {
                    scalar(t.getValueNode(), path + "." + key)
                            .ifPresent(v -> out.putIfAbsent(key, new Located(v, t.getValueNode())));
                }
            }
            return out;
        }
    }
}
