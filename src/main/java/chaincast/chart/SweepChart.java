package chaincast.chart;

import chaincast.v1.SweepParameter;
import chaincast.v1.SweepPointResult;
import chaincast.v1.SweepResult;
import chaincast.v1.SweepTargetOdds;
import chaincast.v1.SweepThresholdOdds;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A sweep's chart: with one moved parameter, P(hit) of every target and threshold against its value
 * (a line each); with two, a heat map of the first target's (or threshold's) P(hit) over both.
 */
public final class SweepChart {
  private SweepChart() {}

  /** Suggested height in pixels. */
  public static int suggestedHeight() {
    return 520;
  }

  /**
   * The chart of a finished sweep.
   *
   * @param r the sweep (every point has the same parameters, as a grid's do)
   * @param subtitle run details
   * @param text labels in one or two languages
   * @return a line chart (one parameter) or heat map (two)
   * @throws IllegalArgumentException when the points move other than one or two parameters
   */
  public static JFreeChart build(SweepResult r, String subtitle, ChartText text) {
    int dims = r.getPointsCount() == 0 ? 0 : r.getPoints(0).getValuesCount();
    if (dims == 1) {
      return lines(r, subtitle, text);
    }
    if (dims == 2) {
      return heatMap(r, subtitle, text);
    }
    throw new IllegalArgumentException(
        "a sweep chart needs points that move one parameter (a line chart) or two (a heat map);"
            + " these move "
            + dims);
  }

  private static String name(SweepPointResult p, int axis) {
    SweepParameter v = p.getValues(axis).getParameter();
    String owner =
        switch (v.getOwnerCase()) {
          case CELL_ID -> v.getCellId();
          case COUNT_CELL_ID -> v.getCountCellId();
          case MACRO_SHOCK_ID -> v.getMacroShockId();
          case OWNER_NOT_SET -> "";
        };
    return owner
        + "."
        + v.getQuantity().name().replace("SWEEP_QUANTITY_", "").toLowerCase(Locale.ROOT);
  }

  private static JFreeChart lines(SweepResult r, String subtitle, ChartText text) {
    XYSeriesCollection data = new XYSeriesCollection();
    SweepPointResult first = r.getPoints(0);
    List<XYSeries> series = new ArrayList<>();
    for (SweepTargetOdds t : first.getTargetsList()) {
      series.add(new XYSeries(t.getTargetId(), true, true));
    }
    for (SweepThresholdOdds t : first.getThresholdsList()) {
      series.add(new XYSeries(t.getThresholdId(), true, true));
    }
    for (SweepPointResult p : r.getPointsList()) {
      double x = p.getValues(0).getValue();
      int i = 0;
      for (SweepTargetOdds t : p.getTargetsList()) {
        series.get(i++).addOrUpdate(x, t.getPHit().getEstimate());
      }
      for (SweepThresholdOdds t : p.getThresholdsList()) {
        series.get(i++).addOrUpdate(x, t.getProbability().getEstimate());
      }
    }
    series.forEach(data::addSeries);
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            text.label("扫描", "Sweep") + ": P(hit) / " + name(first, 0),
            name(first, 0),
            "P(hit)",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    ((NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(0, 1);
    chart.addSubtitle(new TextTitle(subtitle));
    return chart;
  }

  private static JFreeChart heatMap(SweepResult r, String subtitle, ChartText text) {
    SweepPointResult first = r.getPoints(0);
    int n = r.getPointsCount();
    double[][] xyz = new double[3][n];
    TreeSet<Double> xs = new TreeSet<>();
    TreeSet<Double> ys = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      SweepPointResult p = r.getPoints(i);
      xyz[0][i] = p.getValues(0).getValue();
      xyz[1][i] = p.getValues(1).getValue();
      xyz[2][i] =
          p.getTargetsCount() > 0
              ? p.getTargets(0).getPHit().getEstimate()
              : p.getThresholds(0).getProbability().getEstimate();
      xs.add(xyz[0][i]);
      ys.add(xyz[1][i]);
    }
    String what =
        first.getTargetsCount() > 0
            ? first.getTargets(0).getTargetId()
            : first.getThresholds(0).getThresholdId();
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries(what, xyz);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setBlockWidth(smallestGap(xs));
    renderer.setBlockHeight(smallestGap(ys));
    LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
    for (int k = 0; k <= 10; k++) {
      float f = k / 10f;
      scale.add(k / 10.0, new Color(1 - f, 0.35f + 0.45f * f, 0.35f + 0.1f * (1 - f)));
    }
    renderer.setPaintScale(scale);
    NumberAxis x = new NumberAxis(name(first, 0));
    NumberAxis y = new NumberAxis(name(first, 1));
    x.setAutoRangeIncludesZero(false);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    JFreeChart chart =
        new JFreeChart(
            text.label("扫描", "Sweep") + ": P(hit) " + what,
            JFreeChart.DEFAULT_TITLE_FONT,
            plot,
            false);
    NumberAxis legendAxis = new NumberAxis("P(hit)");
    legendAxis.setRange(0, 1);
    PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    chart.addSubtitle(legend);
    chart.addSubtitle(new TextTitle(subtitle));
    return chart;
  }

  private static double smallestGap(SortedSet<Double> values) {
    double gap = Double.POSITIVE_INFINITY;
    Double prev = null;
    for (double v : values) {
      if (prev != null) {
        gap = Math.min(gap, v - prev);
      }
      prev = v;
    }
    return Double.isInfinite(gap) ? 1 : gap;
  }
}
