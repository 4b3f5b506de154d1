/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws median throughput as grouped bars, one panel per regime, one group per workload and thread count, one
 * bar per engine, on a logarithmic axis (an in-memory map and an fsync-bound writer differ by orders of
 * magnitude). Java2D into a PNG; works headless.
 */
public final class ThroughputChart {
    private static final Color[] PALETTE = {
        new Color(0x1F77B4),
        new Color(0xFF7F0E),
        new Color(0x2CA02C),
        new Color(0x9467BD),
        new Color(0xD62728),
        new Color(0x8C564B),
        new Color(0x17BECF)
    };
    private static final int PANEL_HEIGHT = 340;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int BAR = 46;
    private static final int GROUP_GAP = 34;
    private static final int AXIS_LABEL_SPACE = 60;

    private ThroughputChart() {}

    /**
     * Draws the chart of some runs into a PNG file.
     *
     * @param records the raw runs
     * @param file the PNG to write
     */
    public static void write(List<RunRecord> records, Path file) {
        try {
            ImageIO.write(draw(records), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Draws the chart.
     *
     * @param records the raw runs, at least one
     * @return the image
     */
    public static BufferedImage draw(List<RunRecord> records) {
        System.setProperty("java.awt.headless", "true");
        List<CellSummary> cells = CellSummary.of(records);
        List<String> engines = CellSummary.distinct(cells, CellSummary::engine);
        List<String> regimes = CellSummary.distinct(cells, CellSummary::regime);
        int maxGroups =
                regimes.stream().mapToInt(r -> groups(cells, r).size()).max().orElse(1);
        int width = Math.max(900, LEFT + RIGHT + maxGroups * (engines.size() * BAR + GROUP_GAP));
        int height = TOP + regimes.size() * (PANEL_HEIGHT + AXIS_LABEL_SPACE);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("YCSB throughput (ops/s, median, log scale)", LEFT, 26);
            legend(g, engines, LEFT, 48);
            double[] range = range(cells);
            int y = TOP;
            for (String regime : regimes) {
                panel(g, cells, regime, engines, range, y, width);
                y += PANEL_HEIGHT + AXIS_LABEL_SPACE;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static List<String> groups(List<CellSummary> cells, String regime) {
        return cells.stream()
                .filter(c -> c.regime().equals(regime))
                .map(CellSummary::label)
                .distinct()
                .toList();
    }

    /** Powers of ten around the smallest and largest throughput. */
    private static double[] range(List<CellSummary> cells) {
        double min = cells.stream()
                .mapToDouble(CellSummary::operationsPerSecond)
                .filter(v -> v > 0)
                .min()
                .orElse(1);
        double max = cells.stream()
                .mapToDouble(CellSummary::operationsPerSecond)
                .max()
                .orElse(10);
        double low = Math.floor(Math.log10(Math.max(min, 1)));
        double high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(max, 1))));
        return new double[] {low, high};
    }

    private static void legend(Graphics2D g, List<String> engines, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int at = x;
        for (int i = 0; i < engines.size(); i++) {
            g.setColor(PALETTE[i % PALETTE.length]);
            g.fillRect(at, y - 11, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(engines.get(i), at + 19, y);
            at += 40 + g.getFontMetrics().stringWidth(engines.get(i));
        }
    }

    private static void panel(
            Graphics2D g,
            List<CellSummary> cells,
            String regime,
            List<String> engines,
            double[] range,
            int top,
            int width) {
        int plotTop = top + 24;
        int plotBottom = top + PANEL_HEIGHT;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("regime: " + regime, LEFT, top + 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics metrics = g.getFontMetrics();
        for (int exponent = (int) range[0]; exponent <= (int) range[1]; exponent++) {
            int y = yOf(exponent, range, plotTop, plotBottom);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(LEFT, y, width - RIGHT, y);
            g.setColor(Color.DARK_GRAY);
            String tick = compact(Math.pow(10, exponent));
            g.drawString(tick, LEFT - 8 - metrics.stringWidth(tick), y + 4);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine(LEFT, plotTop, LEFT, plotBottom);
        g.drawLine(LEFT, plotBottom, width - RIGHT, plotBottom);
        int x = LEFT + GROUP_GAP / 2;
        for (String group : groups(cells, regime)) {
            for (int e = 0; e < engines.size(); e++) {
                String engine = engines.get(e);
                CellSummary cell = cells.stream()
                        .filter(c -> c.regime().equals(regime)
                                && c.label().equals(group)
                                && c.engine().equals(engine))
                        .findFirst()
                        .orElse(null);
                int barX = x + e * BAR;
                if (cell != null && cell.operationsPerSecond() > 0) {
                    double exponent = Math.log10(cell.operationsPerSecond());
                    int barTop = yOf(Math.max(exponent, range[0]), range, plotTop, plotBottom);
                    g.setColor(PALETTE[e % PALETTE.length]);
                    g.fillRect(barX + 2, barTop, BAR - 4, plotBottom - barTop);
                    g.setColor(Color.BLACK);
                    String value = compact(cell.operationsPerSecond());
                    g.drawString(value, barX + BAR / 2 - metrics.stringWidth(value) / 2, barTop - 3);
                }
            }
            int groupWidth = engines.size() * BAR;
            g.setColor(Color.BLACK);
            g.drawString(group, x + groupWidth / 2 - metrics.stringWidth(group) / 2, plotBottom + 16);
            x += groupWidth + GROUP_GAP;
        }
    }

    private static int yOf(double exponent, double[] range, int plotTop, int plotBottom) {
        double fraction = (exponent - range[0]) / (range[1] - range[0]);
        return (int) Math.round(plotBottom - fraction * (plotBottom - plotTop));
    }

    /** 1234567 as "1.2M", 45300 as "45.3k". */
    static String compact(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", value / 1e6);
        }
        if (value >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
