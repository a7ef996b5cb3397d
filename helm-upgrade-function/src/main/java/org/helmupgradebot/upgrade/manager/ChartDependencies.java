package org.helmupgradebot.upgrade.manager;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Finds the chart dependencies pinned in a Chart.yaml (apiVersion v2) or a v1 requirements.yaml. */
public final class ChartDependencies {

    /** Helm accepts SemVer constraints as a dependency version ({@code ~1.2.3}, {@code >=1.0 <2.0}, {@code 1.2.x}). */
    private static final Pattern RANGE = Pattern.compile("[<>=~^*|,\\s]|(^|\\.)[xX](\\.|$)");

    private ChartDependencies() {}

    /**
     * The dependencies of the chart, in file order, each with the span of its version text.
     *
     * @param file path shown in pins and messages
     * @param text the whole file
     * @throws ExtractionException for malformed YAML or a dependency without name or version
     */
    public static List<Pin> extract(String file, String text) {
        SourceText source = new SourceText(text);
        Optional<MappingNode> topMapping = YamlTree.topMapping(file, text);
        if (topMapping.isEmpty()) {
            return List.of();
        }
        MappingNode top = topMapping.get();
        Optional<NodeTuple> deps = YamlTree.entry(file, top, "dependencies");
        if (deps.isEmpty() || YamlTree.isNull(deps.get().getValueNode())) {
            return List.of();
        }
        if (!(deps.get().getValueNode() instanceof SequenceNode list)) {
            Node n = deps.get().getValueNode();
            throw ExtractionException.at(file, n.getStartMark(),
                    "'dependencies' should be a list, found " + YamlTree.kindOf(n));
        }
        List<Pin> pins = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            pins.add(dependency(file, source, list.getValue().get(i), "dependencies[" + i + "]"));
        }
        return List.copyOf(pins);
    }

    private static Pin dependency(String file, SourceText source, Node item, String location) {
        if (!(item instanceof MappingNode dep)) {
            throw ExtractionException.at(file, item.getStartMark(),
                    location + " should be a mapping, found " + YamlTree.kindOf(item));
        }
        String name = text(file, dep, "name", location)
                .orElseThrow(() -> ExtractionException.at(file, dep.getStartMark(), location + " has no name"));
        String where = location + " (" + name + ")";
        NodeTuple versionEntry = YamlTree.entry(file, dep, "version")
                .filter(t -> !YamlTree.isNull(t.getValueNode()))
                .orElseThrow(() -> ExtractionException.at(file, dep.getStartMark(), where + " has no version"));
        if (!(versionEntry.getValueNode() instanceof ScalarNode versionNode)) {
            Node n = versionEntry.getValueNode();
            throw ExtractionException.at(file, n.getStartMark(), where + ": version should be a text value, found "
                    + YamlTree.kindOf(n) + " (a templated version must be quoted)");
        }
        String version = versionNode.getValue();
        if (version.isBlank()) {
            throw ExtractionException.at(file, versionNode.getStartMark(), where + " has an empty version");
        }
        String repository = text(file, dep, "repository", location).orElse("");
        SourceText.ScalarSpan span = source.span(versionNode, versionEntry.getKeyNode().getEndMark());
        Optional<String> skip = span.problem()
                .or(() -> version.contains("{{") ? Optional.of("the version is templated") : Optional.empty())
                .or(() -> RANGE.matcher(version).find()
                        ? Optional.of("the version is a range (" + version + "), not a pin") : Optional.empty())
                .or(() -> repositoryProblem(repository));
        return new Pin(Pin.Kind.CHART, name, file, location, version, repository, span.start(), span.end(), skip);
    }

    /** Why a dependency's repository cannot be looked up, or empty when it can. */
    static Optional<String> repositoryProblem(String repository) {
        if (repository.isBlank()) {
            return Optional.of("no repository (the chart is vendored in charts/)");
        }
        if (repository.startsWith("file://")) {
            return Optional.of("local chart (" + repository + ")");
        }
        if (repository.startsWith("@") || repository.startsWith("alias:")) {
            return Optional.of("repository given by a local Helm alias (" + repository + "), not a URL");
        }
        if (repository.contains("{{")) {
            return Optional.of("the repository is templated");
        }
        if (!(repository.startsWith("https://") || repository.startsWith("http://")
                || repository.startsWith("oci://"))) {
            return Optional.of("unsupported repository (" + repository + ")");
        }
        return Optional.empty();
    }

    /** A text field of a dependency, empty when absent or null. */
    private static Optional<String> text(String file, MappingNode dep, String key, String location) {
        Optional<NodeTuple> entry = YamlTree.entry(file, dep, key);
        if (entry.isEmpty() || YamlTree.isNull(entry.get().getValueNode())) {
            return Optional.empty();
        }
        Node n = entry.get().getValueNode();
        if (!(n instanceof ScalarNode s)) {
            throw ExtractionException.at(file, n.getStartMark(),
                    location + ": " + key + " should be a text value, found " + YamlTree.kindOf(n));
        }
        return s.getValue().isBlank() ? Optional.empty() : Optional.of(s.getValue());
    }
}
