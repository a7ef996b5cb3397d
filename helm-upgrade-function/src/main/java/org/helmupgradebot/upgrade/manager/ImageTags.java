package org.helmupgradebot.upgrade.manager;

import org.helmupgradebot.shared.oci.ImageReference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds image tags in a values file: at configured dotted YAML paths, or (with no paths) wherever they are.
 * An image is either a reference string ({@code quay.io/jupyterhub/repo2docker:2026.4.1.dev44-g97bb4e45a}) or
 * a mapping {@code {repository (or name): …, tag: …}} with an optional {@code registry}.
 */
public final class ImageTags {

    /**
     * A reference that names its registry and carries a tag or digest ({@code quay.io/org/name:tag},
     * {@code localhost:5000/name:tag}): an image wherever it is found.
     */
    private static final Pattern REGISTRY_REFERENCE = Pattern.compile(
            "(?:localhost|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)(?::[0-9]{1,5})?"
                    + "/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(?:@sha256:[0-9a-f]{64})?|@sha256:[0-9a-f]{64})");

    private ImageTags() {}

    /**
     * The image pins at {@code imagePaths}, in file order. A path that is not in the file, or holds no
     * image, gives a pin that is skipped with the reason (so it is reported, never silently dropped).
     *
     * @param imagePaths dotted paths such as {@code binderhub.config.KubernetesBuildExecutor.build_image}
     * @throws ExtractionException for malformed YAML, or a value at a path that is not an image
     */
    public static List<Pin> extract(String file, String text, List<String> imagePaths) {
        SourceText source = new SourceText(text);
        Optional<MappingNode> top = YamlTree.topMapping(file, text);
        List<Pin> pins = new ArrayList<>();
        for (String path : imagePaths.stream().distinct().toList()) {
            Optional<NodeTuple> entry = top.flatMap(t -> find(file, t, path));
            pins.add(entry.map(e -> image(file, source, path, e))
                    .orElseGet(() -> missing(file, path, "path " + path + " is not in the file")));
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
     * Every image in the file, in file order: each mapping under a key ending in {@code image} that has a
     * {@code tag} (with {@code repository} or {@code name}, and optionally {@code registry}); each text
     * value under such a key that is an image reference; and each text anywhere that is a
     * {@code registry/name:tag} reference. Pins whose image name or location is in {@code exclude} are left out.
     */
    public static List<Pin> discover(String file, String text, List<String> exclude) {
        SourceText source = new SourceText(text);
        Optional<MappingNode> top = YamlTree.topMapping(file, text);
        List<Pin> pins = new ArrayList<>();
        top.ifPresent(t -> walk(file, source, t, "", Collections.newSetFromMap(new IdentityHashMap<>()), pins));
        Set<String> excluded = Set.copyOf(exclude);
        pins.removeIf(p -> excluded.contains(p.name()) || excluded.contains(p.location())
                || excluded.contains(imagePath(p.location())));
        pins.sort(Comparator.comparingInt(Pin::start));
        return List.copyOf(pins);
    }

    /** The image's own path: {@code a.image} for a mapping's tag at {@code a.image.tag}. */
    private static String imagePath(String location) {
        return location.endsWith(".tag") ? location.substring(0, location.length() - ".tag".length()) : location;
    }

    /** Discovery as the edit verifier runs it. */
    public static PinExtractor discovering(List<String> exclude) {
        List<String> ex = List.copyOf(exclude);
        return (file, text) -> discover(file, text, ex);
    }

    /** Collects the images under {@code node}; a node reached again through a YAML alias is not read twice. */
    private static void walk(String file, SourceText source, Node node, String path, Set<Node> seen, List<Pin> pins) {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                String at = path + "[" + i + "]";
                if (item instanceof ScalarNode s && REGISTRY_REFERENCE.matcher(s.getValue()).matches() && seen.add(s)) {
                    pins.add(reference(file, source, at, null, s));
                } else {
                    walk(file, source, item, at, seen, pins);
                }
            }
            return;
        }
        if (!(node instanceof MappingNode map)) {
            return;
        }
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                continue;
            }
            String at = path.isEmpty() ? k.getValue() : path + "." + k.getValue();
            boolean imageKey = k.getValue().toLowerCase(Locale.ROOT).endsWith("image");
            Node value = t.getValueNode();
            if (value instanceof ScalarNode s && !YamlTree.isNull(s) && !seen.contains(s)
                    && (REGISTRY_REFERENCE.matcher(s.getValue()).matches() || imageKey && looksLikeImage(s.getValue()))) {
                seen.add(s);
                YamlTree.entry(file, map, k.getValue()); // refuses a duplicate key
                pins.add(reference(file, source, at, t.getKeyNode().getEndMark(), s));
            } else if (value instanceof MappingNode m && imageKey && hasKey(m, "tag") && !seen.contains(m)) {
                seen.add(m);
                YamlTree.entry(file, map, k.getValue());
                try {
                    pins.add(nameAndTag(file, source, at, m));
                } catch (ExtractionException e) {
                    // Found, not configured: an odd mapping is reported as a skipped pin, not a failed file.
                    pins.add(missing(file, at, e.getMessage()));
                }
            } else {
                walk(file, source, value, at, seen, pins);
            }
        }
    }

    /** A text under an image key that reads as an image reference (a templated one is reported as such). */
    private static boolean looksLikeImage(String text) {
        if (text.isBlank() || text.contains(" ") && !text.contains("{{")) {
            return false;
        }
        if (text.contains("{{")) {
            return true;
        }
        try {
            ImageReference.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasKey(MappingNode m, String key) {
        return m.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key));
    }

    /** A configured path that holds no image: a pin that is skipped, with why. */
    private static Pin missing(String file, String path, String why) {
        return new Pin(Pin.Kind.IMAGE, path, file, path, "", "", 0, 0, Optional.of(why));
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

    private static Pin image(String file, SourceText source, String path, NodeTuple entry) {
        Node value = entry.getValueNode();
        if (YamlTree.isNull(value) || value instanceof ScalarNode s && s.getValue().isBlank()) {
            return missing(file, path, "the value at " + path + " is empty");
        }
        if (value instanceof ScalarNode s) {
            return reference(file, source, path, entry.getKeyNode().getEndMark(), s);
        }
        if (value instanceof MappingNode m) {
            return nameAndTag(file, source, path, m);
        }
        throw ExtractionException.at(file, value.getStartMark(),
                path + " should be an image reference or a mapping with name and tag, found " + YamlTree.kindOf(value));
    }

    /** @param keyEnd end of the key the reference is the value of (null for a list item) */
    private static Pin reference(String file, SourceText source, String path, Mark keyEnd, ScalarNode node) {
        String text = node.getValue();
        if (text.contains("{{")) {
            SourceText.ScalarSpan raw = source.span(node, keyEnd);
            return new Pin(Pin.Kind.IMAGE, text, file, path, text, "", raw.start(), raw.end(),
                    Optional.of("the image reference is templated"));
        }
        ImageReference ref = parse(file, node, path, text);
        SourceText.ScalarSpan span = source.span(node, keyEnd);
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

    private static Pin nameAndTag(String file, SourceText source, String path, MappingNode image) {
        Optional<NodeTuple> tagEntry = YamlTree.entry(file, image, "tag");
        if (tagEntry.isEmpty() || YamlTree.isNull(tagEntry.get().getValueNode())) {
            return missing(file, path, "the image mapping at " + path + " has no tag");
        }
        String location = path + ".tag";
        if (!(tagEntry.get().getValueNode() instanceof ScalarNode tagNode)) {
            Node n = tagEntry.get().getValueNode();
            throw ExtractionException.at(file, n.getStartMark(), location + " should be a text value, found " + YamlTree.kindOf(n));
        }
        String tag = tagNode.getValue();
        if (tag.isBlank()) {
            return missing(file, path, "the image mapping at " + path + " has an empty tag");
        }
        SourceText.ScalarSpan span = source.span(tagNode, tagEntry.get().getKeyNode().getEndMark());
        Optional<ScalarNode> nameNode = scalar(file, image, "name", path).or(() -> scalar(file, image, "repository", path));
        if (nameNode.isEmpty()) {
            return new Pin(Pin.Kind.IMAGE, path, file, location, tag, "", span.start(), span.end(),
                    Optional.of("the image mapping has no name"));
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
        return new Pin(Pin.Kind.IMAGE, ref.name(), file, location, tag, ref.host(),
                span.start(), span.end(), skip);
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
