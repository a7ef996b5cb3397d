package org.helmupgradebot.clean.report;

import static org.helmupgradebot.clean.testing.Images.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import org.helmupgradebot.clean.plan.Plan;
import org.helmupgradebot.clean.plan.Planner;
import org.helmupgradebot.clean.policy.CleanPolicy;
import org.helmupgradebot.clean.testing.Images;
import org.junit.jupiter.api.Test;

/** The report's chart: a real PNG of the expected size, drawn from the plan's table. */
class AgeChartTest {
    static Plan plan(int maxAgeDays) {
        return new Planner(new CleanPolicy(OptionalInt.of(maxAgeDays), List.of(), 0, false, OptionalLong.empty()), Images.NOW)
                .plan("test", List.of(
                        image("a", "young").ageDays(3).blob("y", 300L << 20).build(),
                        image("a", "month").ageDays(45).blob("m", 200L << 20).build(),
                        image("a", "old").ageDays(400).blob("o", 900L << 20).build(),
                        image("b", "undated").noDate().blob("u", 50L << 20).build()));
    }

    @Test
    void itIsAPngOfTheExpectedDimensions() throws Exception {
        byte[] png = AgeChart.png(plan(30).table());

        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(AgeChart.WIDTH, image.getWidth());
        assertEquals(AgeChart.HEIGHT, image.getHeight());
    }

    @Test
    void itShowsTheVerdictsNotAFixedPicture() throws Exception {
        // Deleting nothing and deleting all but the youngest give different pictures of the same registry.
        assertNotEquals(Arrays.hashCode(AgeChart.png(plan(10_000).table())), Arrays.hashCode(AgeChart.png(plan(30).table())));
    }

    @Test
    void ageBucketsHaveTheirBounds() {
        assertEquals(0, AgeChart.bucket(0));
        assertEquals(0, AgeChart.bucket(7));
        assertEquals(1, AgeChart.bucket(8));
        assertEquals(4, AgeChart.bucket(365));
        assertEquals(5, AgeChart.bucket(366));
        assertEquals(6, AgeChart.bucket(-1));
    }
}
