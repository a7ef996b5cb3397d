package org.helmupgradebot.upgrade.manager;

import java.io.StringReader;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Composes a YAML file into SnakeYAML nodes with safe limits, and looks keys up in mappings. */
final class YamlTree {

    /** Config files are small; this is far above any real Chart.yaml or values.yaml. */
    static final int CODE_POINT_LIMIT = 3 * 1024 * 1024;
    /** Aliases of collections are how a billion-laughs document grows; real config files use a handful. */
    static final int MAX_COLLECTION_ALIASES = 50;

    private YamlTree() {}

    /** The root node of the single document in {@code text}, or empty for an empty document. */
    static Optional<Node> compose(String file, String text) {
        // SnakeYAML's own limit does not count comments, so the whole text is measured first.
        if (text.length() > CODE_POINT_LIMIT) {
            throw new ExtractionException(file + ": too large for a config file (" + text.length()
                    + " characters, limit " + CODE_POINT_LIMIT + ")");
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(CODE_POINT_LIMIT);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(100);
        try {
            return Optional.ofNullable(new Yaml(options).compose(new StringReader(text)));
        } catch (MarkedYAMLException e) {
            String what = e.getProblem() == null ? firstLine(e.getMessage()) : firstLine(e.getProblem());
            if (e.getContext() != null) {
                what = firstLine(e.getContext()) + ": " + what;
            }
            throw ExtractionException.at(file, e.getProblemMark(), "invalid YAML: " + what);
        } catch (YAMLException e) {
            String what = firstLine(e.getMessage());
            if (what.contains("aliases")) {
                what += " (too many YAML aliases: a billion-laughs document?)";
            }
            throw new ExtractionException(file + ": invalid YAML: " + what);
        }
    }

    /** The entry for {@code key} in a mapping; two entries with that key are an error, because an edit could hit the wrong one. */
    static Optional<NodeTuple> entry(String file, MappingNode mapping, String key) {
        NodeTuple found = null;
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                if (found != null) {
                    throw ExtractionException.at(file, k.getStartMark(), "duplicate key '" + key + "'");
                }
                found = tuple;
            }
        }
        return Optional.ofNullable(found);
    }

    /** True for a scalar that YAML reads as null ({@code key:}, {@code ~}, {@code null}). */
    /**
     * The top-level mapping of a document, or empty for an empty or null document.
     *
     * @throws ExtractionException when the text is not YAML or its top level is not a mapping
     */
    static Optional<MappingNode> topMapping(String file, String text) {
        Optional<Node> root = compose(file, text);
        if (root.isEmpty() || isNull(root.get())) {
            return Optional.empty();
        }
        if (!(root.get() instanceof MappingNode top)) {
            throw ExtractionException.at(file, root.get().getStartMark(),
                    "expected a mapping at the top level, found " + kindOf(root.get()));
        }
        return Optional.of(top);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** A one-line description of a node's kind for error messages. */
    static String kindOf(Node node) {
        return switch (node.getNodeId()) {
            case scalar -> "a text value";
            case sequence -> "a list";
            case mapping -> "a mapping";
            default -> "an alias";
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
