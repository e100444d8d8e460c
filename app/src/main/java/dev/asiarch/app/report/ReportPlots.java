package dev.asiarch.app.report;

import dev.asiarch.activities.store.ExperimentOutline;
import dev.asiarch.app.campaign.CampaignHistory;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.TrainingMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's pictures as PNG bytes: fitness over experiments and compute, winners' lineage and curves. */
final class ReportPlots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    private ReportPlots() {
    }

    /** Series are told apart by experiment (two winners may share a name); the legend shows the name. */
    private record SeriesKey(String experimentId, String label) implements Comparable<SeriesKey> {
        @Override
        public int compareTo(SeriesKey other) {
            return experimentId.compareTo(other.experimentId);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Each experiment's fitness and the best so far, against experiments run. */
    static byte[] fitnessByExperiment(CampaignHistory history) {
        return fitness(history, false);
    }

    /** The same against training hours spent. */
    static byte[] fitnessByCompute(CampaignHistory history) {
        return fitness(history, true);
    }

    private static byte[] fitness(CampaignHistory history, boolean byCompute) {
        XYSeries best = new XYSeries("best so far", true, true);
        XYSeries each = new XYSeries("each experiment", true, true);
        XYSeries leaks = new XYSeries("suspected leak (not counted as best)", true, true);
        for (CampaignHistory.Progress p : history.progress()) {
            double x = byCompute ? p.computeHours() : p.index();
            p.bestFitness().ifPresent(value -> best.add(x, value));
            p.fitness().ifPresent(value -> (p.suspectedLeak() ? leaks : each).add(x, value));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(best);
        data.addSeries(each);
        if (!leaks.isEmpty()) {
            data.addSeries(leaks);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                byCompute ? "Best fitness against compute" : "Best fitness against experiments",
                byCompute ? "training hours spent (cumulative)" : "experiment (0 = baseline)", "fitness", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesPaint(0, PALETTE[0]);
        renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        renderer.setSeriesShapesVisible(0, false);
        renderer.setSeriesPaint(1, PALETTE[1]);
        renderer.setSeriesLinesVisible(1, false);
        renderer.setSeriesPaint(2, Color.GRAY);
        renderer.setSeriesLinesVisible(2, false);
        plot.setRenderer(renderer);
        if (!byCompute) {
            ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        style(chart);
        return png(chart);
    }

    /** Training-loss curves of the winners and the baseline, from their full records. */
    static byte[] curves(List<ExperimentRecord> winners, Optional<ExperimentRecord> baseline) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<ExperimentRecord> shown = new ArrayList<>(winners);
        baseline.ifPresent(shown::add);
        for (ExperimentRecord e : shown) {
            if (e.metrics().isEmpty()) {
                continue;
            }
            TrainingMetrics m = e.metrics().get();
            XYSeries series = new XYSeries(new SeriesKey(e.experimentId(), e.name()
                    + (baseline.filter(e::equals).isPresent() ? " (baseline)" : "")), false, true);
            for (int i = 0; i < m.trainLossCurve().size(); i++) {
                series.add((i + 1) * (double) m.curveEvery(), m.trainLossCurve().get(i));
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Training loss of the winners", "step",
                "training loss (nats per byte)", data, PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        chart.getXYPlot().setRenderer(renderer);
        chart.getXYPlot().getRangeAxis().setAutoRange(true);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        style(chart);
        return png(chart);
    }

    /**
     * The winners' ancestry drawn as a tree from the root: one box per experiment with its fitness, the
     * winners outlined in red.
     */
    static byte[] lineage(CampaignHistory history, List<ExperimentOutline> winners) {
        Map<String, ExperimentOutline> nodes = new LinkedHashMap<>();
        for (ExperimentOutline winner : winners) {
            history.ancestry(winner.experimentId()).forEach(e -> nodes.putIfAbsent(e.experimentId(), e));
        }
        Map<String, List<String>> children = new LinkedHashMap<>();
        List<String> roots = new ArrayList<>();
        for (ExperimentOutline e : nodes.values()) {
            if (e.parentId().filter(nodes::containsKey).isPresent()) {
                children.computeIfAbsent(e.parentId().get(), id -> new ArrayList<>()).add(e.experimentId());
            } else {
                roots.add(e.experimentId());
            }
        }
        Map<String, double[]> at = new LinkedHashMap<>();
        double[] nextRow = {0};
        for (String root : roots) {
            place(root, 0, children, at, nextRow);
        }
        int columns = (int) at.values().stream().mapToDouble(p -> p[0]).max().orElse(0) + 1;
        int rows = Math.max(1, (int) nextRow[0]);
        int boxWidth = 300;
        int boxHeight = 44;
        int columnGap = 70;
        int rowGap = 22;
        int width = Math.max(WIDTH, 40 + columns * (boxWidth + columnGap));
        int height = 70 + rows * (boxHeight + rowGap);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Lineage of the winners (root at the left; winners outlined in red)", 20, 28);
        Set<String> winnerIds = new LinkedHashSet<>();
        winners.forEach(w -> winnerIds.add(w.experimentId()));
        g.setStroke(new BasicStroke(1.6f));
        for (Map.Entry<String, List<String>> edge : children.entrySet()) {
            double[] from = at.get(edge.getKey());
            for (String child : edge.getValue()) {
                double[] to = at.get(child);
                g.setColor(Color.GRAY);
                g.drawLine(x(from, boxWidth, columnGap) + boxWidth, y(from, boxHeight, rowGap) + boxHeight / 2,
                        x(to, boxWidth, columnGap), y(to, boxHeight, rowGap) + boxHeight / 2);
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        for (Map.Entry<String, double[]> node : at.entrySet()) {
            ExperimentOutline e = nodes.get(node.getKey());
            int x = x(node.getValue(), boxWidth, columnGap);
            int y = y(node.getValue(), boxHeight, rowGap);
            g.setColor(new Color(0xf3f6fb));
            g.fillRoundRect(x, y, boxWidth, boxHeight, 10, 10);
            boolean winner = winnerIds.contains(e.experimentId());
            g.setColor(winner ? PALETTE[1] : Color.DARK_GRAY);
            g.setStroke(new BasicStroke(winner ? 2.5f : 1.2f));
            g.drawRoundRect(x, y, boxWidth, boxHeight, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(clip(e.name(), metrics, boxWidth - 12), x + 6, y + 18);
            String shortId = e.experimentId().substring(e.experimentId().lastIndexOf('-') + 1);
            g.drawString(shortId + "   fitness " + (e.fitness().isPresent()
                    ? String.format(Locale.ROOT, "%.3f", e.fitness().getAsDouble()) : "-")
                    + (history.suspectedLeak(e) ? "   suspected leak" : ""), x + 6, y + 36);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** Leaves take the next row; a parent sits beside the middle of its children. */
    private static void place(String id, int depth, Map<String, List<String>> children, Map<String, double[]> at,
                              double[] nextRow) {
        List<String> kids = children.getOrDefault(id, List.of());
        if (kids.isEmpty()) {
            at.put(id, new double[] {depth, nextRow[0]++});
            return;
        }
        for (String kid : kids) {
            place(kid, depth + 1, children, at, nextRow);
        }
        double middle = kids.stream().mapToDouble(k -> at.get(k)[1]).average().orElse(0);
        at.put(id, new double[] {depth, middle});
    }

    private static int x(double[] position, int boxWidth, int gap) {
        return 20 + (int) position[0] * (boxWidth + gap);
    }

    private static int y(double[] position, int boxHeight, int gap) {
        return 50 + (int) Math.round(position[1] * (boxHeight + gap));
    }

    private static String clip(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String clipped = text;
        while (!clipped.isEmpty() && metrics.stringWidth(clipped + "...") > width) {
            clipped = clipped.substring(0, clipped.length() - 1);
        }
        return clipped + "...";
    }

    static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setDomainGridlinePaint(new Color(0xdddddd));
        chart.getXYPlot().setRangeGridlinePaint(new Color(0xdddddd));
    }

    static byte[] png(JFreeChart chart) {
        try {
            return ChartUtils.encodeAsPNG(chart.createBufferedImage(WIDTH, HEIGHT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
