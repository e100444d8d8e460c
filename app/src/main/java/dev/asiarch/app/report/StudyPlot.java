package dev.asiarch.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** A study's curves: per strategy, the mean across seeds of a best-so-far measure and its 95% band. */
public final class StudyPlot {

    /** One strategy's curve: at experiment i (index i - 1), the mean across seeds and the band's ends. */
    public record Band(List<Double> mean, List<Double> low, List<Double> high) {
    }

    private StudyPlot() {
    }

    /** The curves as a PNG. */
    public static byte[] png(String title, String measure, Map<String, Band> byStrategy) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        byStrategy.forEach((strategy, band) -> {
            YIntervalSeries series = new YIntervalSeries(strategy);
            for (int i = 0; i < band.mean().size(); i++) {
                double low = band.low().get(i);
                double high = band.high().get(i);
                double mean = band.mean().get(i);
                series.add(i + 1, mean, Double.isFinite(low) ? low : mean, Double.isFinite(high) ? high : mean);
            }
            data.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, "experiment", measure, data,
                PlotOrientation.VERTICAL, true, false, false);
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Color color = ReportPlots.PALETTE[i % ReportPlots.PALETTE.length];
            renderer.setSeriesPaint(i, color);
            renderer.setSeriesFillPaint(i, color);
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
        }
        renderer.setAlpha(0.2f);
        chart.getXYPlot().setRenderer(renderer);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        ReportPlots.style(chart);
        return ReportPlots.png(chart);
    }
}
