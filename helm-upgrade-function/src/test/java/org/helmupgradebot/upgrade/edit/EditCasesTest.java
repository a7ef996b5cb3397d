package org.helmupgradebot.upgrade.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.helmupgradebot.upgrade.manager.ChartDependencies;
import org.helmupgradebot.upgrade.manager.ImageTags;
import org.helmupgradebot.upgrade.manager.Pin;
import org.helmupgradebot.upgrade.manager.PinExtractor;
import org.junit.jupiter.api.Test;

/**
 * Each case edits a hand-made file and must give its hand-written expected file byte for byte, and pass the
 * verifier. Files are in src/test/resources/edit.
 */
class EditCasesTest {

    private static final PinExtractor CHARTS = ChartDependencies::extract;
    private static final PinExtractor IMAGES = (file, text) -> ImageTags.extract(file, text, List.of(
            "binderhub.config.BinderHub.build_image", "binderhub.config.KubernetesBuildExecutor.build_image",
            "jupyterhub.hub.image", "jupyterhub.singleuser.image", "pause.image"));

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EditCasesTest.class.getResourceAsStream("/edit/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource edit/" + name);
            }
            return in.readAllBytes();
        }
    }

    /** Edits {@code input} setting the pins at the given locations, checks against {@code expected}; returns the pins. */
    private static List<Pin> check(String input, String expected, PinExtractor extractor, Map<String, String> bumps)
            throws IOException {
        String before = new String(resource(input), StandardCharsets.UTF_8);
        List<Pin> pins = extractor.extract(input, before);
        List<Replacement> plan = pins.stream()
                .filter(p -> bumps.containsKey(p.location()))
                .map(p -> new Replacement(p, bumps.get(p.location())))
                .toList();
        assertEquals(bumps.size(), plan.size(), "every planned location is a pin");
        String after = VersionEditor.apply(before, plan);
        assertArrayEquals(resource(expected), after.getBytes(StandardCharsets.UTF_8),
                () -> "edited " + input + " differs from " + expected + ":\n" + after);
        EditVerifier.verify(before, after, plan, extractor);
        return pins;
    }

    @Test
    void tabsInCommentsCommentsOnTheVersionLineAndAllQuotingStyles() throws IOException {
        check("tabs-comments/Chart.yaml", "tabs-comments/Chart.expected.yaml", CHARTS, Map.of(
                "dependencies[0]", "1.2.10",
                "dependencies[1]", "2.1.0-0.dev.git.12.habcdef0",
                "dependencies[2]", "3.0.1"));
    }

    @Test
    void crlfLineEnds() throws IOException {
        check("crlf/requirements.yaml", "crlf/requirements.expected.yaml", CHARTS,
                Map.of("dependencies[1]", "0.2.0-n988.h72e1852"));
    }

    @Test
    void utf8BomAndCharactersOutsideTheBmp() throws IOException {
        check("bom/Chart.yaml", "bom/Chart.expected.yaml", CHARTS, Map.of(
                "dependencies[0]", "1.0.0-0.dev.git.3373.h41b9d77",
                "dependencies[1]", "2024.1.0"));
    }

    @Test
    void flowStyleDependencies() throws IOException {
        check("flow/Chart.yaml", "flow/Chart.expected.yaml", CHARTS, Map.of(
                "dependencies[0]", "1.10.0",
                "dependencies[1]", "2.0.1"));
    }

    @Test
    void theSameVersionTwiceOnlyThePlannedOneChanges() throws IOException {
        List<Pin> pins = check("same-version/Chart.yaml", "same-version/Chart.expected.yaml", CHARTS,
                Map.of("dependencies[1]", "1.1.0"));
        assertEquals(pins.get(0).version(), pins.get(1).version(), "both dependencies start on the same version");
    }

    @Test
    void imageTagsInValues() throws IOException {
        List<Pin> pins = check("images/values.yaml", "images/values.expected.yaml", IMAGES, Map.of(
                "binderhub.config.BinderHub.build_image", "0.11.0-214.g3ba4b1b",
                "binderhub.config.KubernetesBuildExecutor.build_image", "2026.4.1",
                "jupyterhub.hub.image.tag", "0.0.1-0.dev.git.16700.h0123abc",
                "jupyterhub.singleuser.image.tag", "2024-04-01"));
        assertEquals(5, pins.size());
        assertFalse(pins.get(4).checkable(), "the digest-pinned image is reported and left alone");
    }
}
