package org.helmupgradebot.upgrade.manager;

import org.helmupgradebot.shared.oci.ImageReference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Finds image tags pinned at configured dotted YAML paths of a values file: either a reference string
 * ({@code quay.io/jupyterhub/repo2docker:2026.4.1.dev44-g97bb4e45a}) or a mapping {@code {name: …, tag: …}}.
 */
public final class ImageTags {

    private ImageTags() {}

    /**
     * The image pins at {@code imagePaths}, in file order; a path absent from the file gives no pin.
     *
     * @param imagePaths dotted paths such as {@code binderhub.config.KubernetesBuildExecutor.build_image}
     * @throws ExtractionException for malformed YAML, or a value at a path that is not an image
     */
    public static List<Pin> extract(String file, String text, List<String> imagePaths) {
        SourceText source = new SourceText(text);
        Optional<MappingNode> topMapping = YamlTree.topMapping(file, text);
        if (topMapping.isEmpty()) {
            return List.of();
        }
        MappingNode top = topMapping.get();
        List<Pin> pins = new ArrayList<>();
        for (String path : imagePaths.stream().distinct().toList()) {
            find(file, top, path).ifPresent(entry -> image(file, source, path, entry).ifPresent(pins::add));
        }
        pins.sort(Comparator.comparingInt(Pin::start));
        return List.copyOf(pins);
    }

    /** Extraction at fixed paths, as the edit verifier runs it. */
    public static PinExtractor extractor(List<String> imagePaths) {
        List<String> paths = List.copyOf(imagePaths);
        return (file, text) -> extract(file, text, paths);
    }

    /**
     * The entry at a dotted path. A key may itself contain dots ({@code hub.jupyter.org/node-purpose}), so
     * each key that matches the start of the path is tried.
     */
    static Optional<NodeTuple> find(String file, MappingNode mapping, String path) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode k)) {
                continue;
            }
            String key = k.getValue();
            if (path.equals(key)) {
                return YamlTree.entry(file, mapping, key);
            }
            if (path.startsWith(key + ".") && tuple.getValueNode() instanceof MappingNode child) {
                Optional<NodeTuple> found = find(file, child, path.substring(key.length() + 1));
                if (found.isPresent()) {
                    YamlTree.entry(file, mapping, key); // refuses a duplicate key on the way
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Pin> image(String file, SourceText source, String path, NodeTuple entry) {
        Node value = entry.getValueNode();
        if (YamlTree.isNull(value)) {
            return Optional.empty();
        }
        if (value instanceof ScalarNode s) {
            return s.getValue().isBlank() ? Optional.empty() : Optional.of(reference(file, source, path, entry, s));
        }
        if (value instanceof MappingNode m) {
            return nameAndTag(file, source, path, m);
        }
        throw ExtractionException.at(file, value.getStartMark(),
                path + " should be an image reference or a mapping with name and tag, found " + YamlTree.kindOf(value));
    }

    private static Pin reference(String file, SourceText source, String path, NodeTuple entry, ScalarNode node) {
        String text = node.getValue();
        if (text.contains("{{")) {
            SourceText.ScalarSpan raw = source.span(node, entry.getKeyNode().getEndMark());
            return new Pin(Pin.Kind.IMAGE, text, file, path, text, "", raw.start(), raw.end(),
                    Optional.of("the image reference is templated"));
        }
        ImageReference ref = parse(file, node, path, text);
        SourceText.ScalarSpan span = source.span(node, entry.getKeyNode().getEndMark());
        if (span.problem().isPresent()) {
            return new Pin(Pin.Kind.IMAGE, ref.name(), file, path, ref.tag().orElse(""), ref.host(),
                    span.start(), span.end(), span.problem());
        }
        // The tag or digest is the end of the scalar, so its span is a suffix of the value's span.
        if (ref.digest().isPresent()) {
            String digest = ref.digest().get();
            return new Pin(Pin.Kind.IMAGE, ref.name(), file, path, digest, ref.host(),
                    span.end() - digest.length(), span.end(), Optional.of("pinned by digest"));
        }
        if (ref.tag().isEmpty()) {
            return new Pin(Pin.Kind.IMAGE, ref.name(), file, path, "", ref.host(), span.end(), span.end(),
                    Optional.of("no tag (Docker reads it as latest)"));
        }
        String tag = ref.tag().get();
        return new Pin(Pin.Kind.IMAGE, ref.name(), file, path, tag, ref.host(),
                span.end() - tag.length(), span.end(), Optional.empty());
    }

    private static Optional<Pin> nameAndTag(String file, SourceText source, String path, MappingNode image) {
        Optional<NodeTuple> tagEntry = YamlTree.entry(file, image, "tag");
        if (tagEntry.isEmpty() || YamlTree.isNull(tagEntry.get().getValueNode())) {
            return Optional.empty();
        }
        String location = path + ".tag";
        if (!(tagEntry.get().getValueNode() instanceof ScalarNode tagNode)) {
            Node n = tagEntry.get().getValueNode();
            throw ExtractionException.at(file, n.getStartMark(), location + " should be a text value, found " + YamlTree.kindOf(n));
        }
        String tag = tagNode.getValue();
        if (tag.isBlank()) {
            return Optional.empty();
        }
        SourceText.ScalarSpan span = source.span(tagNode, tagEntry.get().getKeyNode().getEndMark());
        Optional<ScalarNode> nameNode = scalar(file, image, "name", path).or(() -> scalar(file, image, "repository", path));
        if (nameNode.isEmpty()) {
            return Optional.of(new Pin(Pin.Kind.IMAGE, path, file, location, tag, "", span.start(), span.end(),
                    Optional.of("the image mapping has no name")));
        }
        String name = scalar(file, image, "registry", path).map(r -> r.getValue() + "/").orElse("")
                + nameNode.get().getValue();
        ImageReference ref = parse(file, nameNode.get(), path, name);
        if (ref.tag().isPresent() || ref.digest().isPresent()) {
            throw ExtractionException.at(file, nameNode.get().getStartMark(),
                    path + ": the image name '" + name + "' already carries a tag or digest");
        }
        Optional<String> skip = span.problem()
                .or(() -> tag.contains("{{") ? Optional.of("the tag is templated") : Optional.empty())
                .or(() -> tag.contains("@") ? Optional.of("pinned by digest") : Optional.empty())
                .or(() -> ImageReference.isValidTag(tag) ? Optional.empty() : Optional.of("not a valid tag"));
        return Optional.of(new Pin(Pin.Kind.IMAGE, ref.name(), file, location, tag, ref.host(),
                span.start(), span.end(), skip));
    }

    private static Optional<ScalarNode> scalar(String file, MappingNode mapping, String key, String path) {
        Optional<NodeTuple> entry = YamlTree.entry(file, mapping, key);
        if (entry.isEmpty() || YamlTree.isNull(entry.get().getValueNode())) {
            return Optional.empty();
        }
        if (!(entry.get().getValueNode() instanceof ScalarNode s)) {
            Node n = entry.get().getValueNode();
            throw ExtractionException.at(file, n.getStartMark(),
                    path + "." + key + " should be a text value, found " + YamlTree.kindOf(n));
        }
        return s.getValue().isBlank() ? Optional.empty() : Optional.of(s);
    }

    private static ImageReference parse(String file, ScalarNode node, String path, String text) {
        try {
            return ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw ExtractionException.at(file, node.getStartMark(), path + ": " + e.getMessage());
        }
    }
}
