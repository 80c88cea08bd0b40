package chaincast.chart;

import chaincast.v1.Fan;
import chaincast.v1.FanYear;
import chaincast.v1.PercentileValue;
import chaincast.v1.Unit;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A fan chart: per year, shaded bands between symmetric pairs of percentiles (5–95, 25–75 by
 * default), the median as a line, and each target as a point with a dashed line at its value.
 */
public final class FanChart {
  private static final Color MEDIAN = new Color(0x1f, 0x4e, 0x79);
  private static final Color[] BANDS = {
    new Color(0xc6dbef), new Color(0x9ecae1), new Color(0x6baed6)
  };
  private static final Color TARGET = new Color(0xc0392b);

  private FanChart() {}

  /**
   * Builds the chart.
   *
   * @param fan the server's fan (at least one year, percentiles in each)
   * @param marks targets to mark, in the fan's unit
   * @param subtitle run facts for the subtitle (paths, seed), in English
   */
  public static JFreeChart build(Fan fan, List<TargetMark> marks, String subtitle, ChartText text) {
    if (fan.getYearsCount() == 0) {
      throw new IllegalArgumentException("the fan has no years");
    }
    int bands = fan.getYears(0).getPercentilesCount() / 2;
    YIntervalSeriesCollection bandData = bandData(fan, text);

    NumberAxis years = new NumberAxis(text.label("年份", "Year"));
    years.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    years.setNumberFormatOverride(new DecimalFormat("0"));
    years.setAutoRangeIncludesZero(false);
    NumberAxis values = new NumberAxis(valueAxisLabel(fan.getUnit(), text));
    values.setAutoRangeIncludesZero(false);
    values.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
    if (fan.getUnit() == Unit.UNIT_COUNT) {
      values.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // whole firms, drugs, ...
    }
    XYPlot plot = bandPlot(bandData, years, values);

    LegendItemCollection legend = new LegendItemCollection();
    legend.add(new LegendItem(text.label("中位数", "Median"), MEDIAN));
    for (int b = 0; b < bands; b++) {
      legend.add(
          new LegendItem(
              bandData.getSeries(b).getKey().toString(), BANDS[Math.min(b, BANDS.length - 1)]));
    }
    if (!marks.isEmpty()) {
      markTargets(plot, values, marks, fan.getUnit(), text);
      legend.add(new LegendItem(text.label("目标", "Target"), TARGET));
    }
    plot.setFixedLegendItems(legend);

    JFreeChart chart =
        new JFreeChart(
            text.label(fan.getName().getZh(), fan.getName().getEn()),
            text.font(Font.BOLD, 17),
            plot,
            true);
    chart.addSubtitle(
        new TextTitle(text.label("逐年模拟分布", "Simulated range by year"), text.font(Font.PLAIN, 14)));
    chart.addSubtitle(new TextTitle(subtitle, text.font(Font.PLAIN, 12)));
    chart.setBackgroundPaint(Color.WHITE);
    chart.getLegend().setItemFont(text.font(Font.PLAIN, 12));
    years.setLabelFont(text.font(Font.PLAIN, 13));
    values.setLabelFont(text.font(Font.PLAIN, 13));
    years.setTickLabelFont(text.font(Font.PLAIN, 12));
    values.setTickLabelFont(text.font(Font.PLAIN, 12));
    return chart;
  }

  /**
   * One band per symmetric pair of percentiles, outermost first, each with the median as its centre
   * line; a fan of a single percentile becomes one band of zero width (a line).
   */
  private static YIntervalSeriesCollection bandData(Fan fan, ChartText text) {
    List<PercentileValue> first = fan.getYears(0).getPercentilesList();
    int n = first.size();
    int bands = n / 2;
    YIntervalSeriesCollection bandData = new YIntervalSeriesCollection();
    for (int b = 0; b < bands; b++) {
      double lo = first.get(b).getPercentile();
      double hi = first.get(n - 1 - b).getPercentile();
      YIntervalSeries s = new YIntervalSeries(bandName(lo, hi, text));
      for (FanYear y : fan.getYearsList()) {
        List<PercentileValue> p = y.getPercentilesList();
        s.add(y.getYear(), centre(p), p.get(b).getValue(), p.get(p.size() - 1 - b).getValue());
      }
      bandData.addSeries(s);
    }
    if (bands == 0) { // a single percentile: draw it as a line only
      YIntervalSeries s = new YIntervalSeries(text.label("中位数", "Median"));
      for (FanYear y : fan.getYearsList()) {
        double v = centre(y.getPercentilesList());
        s.add(y.getYear(), v, v, v);
      }
      bandData.addSeries(s);
    }
    return bandData;
  }

  /** The plot of the bands: shaded from outer to inner, the median line over them. */
  private static XYPlot bandPlot(
      YIntervalSeriesCollection bandData, NumberAxis years, NumberAxis values) {
    DeviationRenderer bandRenderer = new DeviationRenderer(true, false);
    bandRenderer.setAlpha(1.0f);
    for (int b = 0; b < bandData.getSeriesCount(); b++) {
      bandRenderer.setSeriesFillPaint(b, BANDS[Math.min(b, BANDS.length - 1)]);
      bandRenderer.setSeriesPaint(b, MEDIAN);
      bandRenderer.setSeriesStroke(b, new BasicStroke(2.0f));
    }
    XYPlot plot = new XYPlot(bandData, years, values, bandRenderer);
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // outer band first, inner over it
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    return plot;
  }

  /**
   * Each target as a square at its year and a dashed labelled line at its value; the value axis
   * widens so every target shows.
   */
  private static void markTargets(
      XYPlot plot, NumberAxis values, List<TargetMark> marks, Unit unit, ChartText text) {
    XYSeries points = new XYSeries("targets");
    for (TargetMark m : marks) {
      points.add(m.year(), m.value());
      ValueMarker line = new ValueMarker(m.value(), TARGET, dashed());
      line.setLabel(markLabel(m, unit, text));
      line.setLabelFont(text.font(Font.PLAIN, 12));
      line.setLabelPaint(TARGET);
      line.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      line.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
      plot.addRangeMarker(line);
      values.setRange(
          Math.min(values.getLowerBound(), m.value() * 0.95),
          Math.max(values.getUpperBound(), m.value() * 1.08));
    }
    XYLineAndShapeRenderer pointRenderer = new XYLineAndShapeRenderer(false, true);
    pointRenderer.setSeriesPaint(0, TARGET);
    pointRenderer.setSeriesShape(0, new Rectangle2D.Double(-5, -5, 10, 10));
    plot.setDataset(1, new XYSeriesCollection(points));
    plot.setRenderer(1, pointRenderer);
  }

  /** The median when the fan has it, else the middle percentile. */
  private static double centre(List<PercentileValue> p) {
    for (PercentileValue v : p) {
      if (v.getPercentile() == 50) {
        return v.getValue();
      }
    }
    return p.get(p.size() / 2).getValue();
  }

  private static String bandName(double lo, double hi, ChartText text) {
    return pct(lo).replace("%", "") + "–" + pct(hi) + " " + text.label("路径", "of paths");
  }

  private static String pct(double p) {
    return new DecimalFormat("0.##").format(p) + "%";
  }

  static String valueAxisLabel(Unit unit, ChartText text) {
    return switch (unit) {
      case UNIT_YI_YUAN ->
          text.bilingual() ? "产值 Output (亿元, 100 million yuan)" : "Output (100 million yuan)";
      case UNIT_COUNT -> text.label("数量", "Count");
      case UNIT_PERCENT -> text.label("百分比", "Percent");
      case UNIT_YI_USD -> text.label("亿美元", "100 million US dollars");
      default -> "";
    };
  }

  private static String markLabel(TargetMark m, Unit unit, ChartText text) {
    String value = String.format(Locale.ROOT, "%,.0f", m.value());
    String unitName =
        unit == Unit.UNIT_YI_YUAN ? (text.bilingual() ? " 亿元" : " (100 million yuan)") : "";
    String odds =
        Double.isNaN(m.pHit()) ? "" : String.format(Locale.ROOT, ", P(hit) %.1f%%", 100 * m.pHit());
    return " " + text.label("目标", "Target") + " " + value + unitName + " (" + m.year() + odds + ")";
  }

  private static BasicStroke dashed() {
    return new BasicStroke(
        1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  }
}
