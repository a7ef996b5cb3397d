package org.helmupgradebot.clean.report;

import static org.helmupgradebot.clean.inventory.InventoryTable.AGE_DAYS;
import static org.helmupgradebot.clean.inventory.InventoryTable.SIZE_BYTES;
import static org.helmupgradebot.clean.policy.PolicyEvaluator.KEEP;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.helmupgradebot.clean.inventory.ByteSizes;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The picture in the Markdown report: the registry's bytes by age, kept against deleted, as a stacked bar
 * chart in PNG, drawn by XChart (headless, through Java 2D; no display needed).
 */
public final class AgeChart {
    public static final String TITLE = "Bytes by age, kept and deleted";
    /** The chart's file name next to the Markdown report. */
    public static final String FILE_SUFFIX = "-bytes-by-age.png";
    public static final int WIDTH = 800;
    public static final int HEIGHT = 400;

    /** Upper bounds (days, inclusive) of the age buckets; older rows go to the last dated bucket. */
    private static final long[] BOUNDS = {7, 30, 90, 180, 365};
    private static final List<String> LABELS = List.of("0-7 d", "8-30 d", "31-90 d", "91-180 d", "181-365 d",
            "over 1 y", "no date");

    private AgeChart() {}

    /** The chart of a plan's table as PNG bytes, {@link #WIDTH} by {@link #HEIGHT} pixels. */
    public static byte[] png(Table plan) {
        long[] kept = new long[LABELS.size()];
        long[] deleted = new long[LABELS.size()];
        long max = 0;
        for (Row row : plan) {
            if (row.getLong(SIZE_BYTES) < 0) {
                continue; // size unknown (out of range): nothing to draw
            }
            int bucket = bucket(row.getLong(AGE_DAYS));
            long[] series = row.getBoolean(KEEP) ? kept : deleted;
            series[bucket] = ByteSizes.add(series[bucket], row.getLong(SIZE_BYTES));
            max = Math.max(max, kept[bucket] + deleted[bucket]);
        }
        int power = 0;
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        while (power < units.length - 1 && max >= 1024L << (10 * power) && (10 * power + 10) < 63) {
            power++;
        }
        double scale = Math.pow(1024, power);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(TITLE)
                .xAxisTitle("age (days since last update, else created)")
                .yAxisTitle(units[power] + " (sum of image sizes)").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x4C, 0x78, 0xA8), new Color(0xE4, 0x57, 0x56)});
        chart.addSeries("kept", LABELS, scaled(kept, scale));
        chart.addSeries("deleted", LABELS, scaled(deleted, scale));
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("drawing the chart failed", e);
        }
    }

    static int bucket(long ageDays) {
        if (ageDays < 0) {
            return LABELS.size() - 1;
        }
        for (int i = 0; i < BOUNDS.length; i++) {
            if (ageDays <= BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    private static List<Number> scaled(long[] bytes, double scale) {
        List<Number> out = new ArrayList<>();
        for (long b : bytes) {
            out.add(b / scale);
        }
        return out;
    }
}
