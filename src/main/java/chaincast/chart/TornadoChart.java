package chaincast.chart;

import chaincast.v1.SensitivityReport;
import chaincast.v1.TornadoBar;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultIntervalCategoryDataset;

/**
 * A tornado: for each input, a bar from P(hit) with the input one step down to P(hit) one step up,
 * longest first, around a line at P(hit) at the point.
 */
public final class TornadoChart {
  // The tornado palette, shared with clients/python/chaincast/plotting.py (TORNADO_COLORS): change
  // both or neither, so a planner sees the same colours in the terminal's PNG and the notebook.
  /** The bar to P(hit) with the input one step down. */
  public static final Color DOWN = new Color(0xd6604d);

  /** The bar to P(hit) with the input one step up. */
  public static final Color UP = new Color(0x4393c3);

  /** The line at P(hit) at the point. */
  public static final Color POINT = new Color(0x333333);

  /** Parameter -> {Chinese, English, unit of its value}; as plotting.py's _PARAMETER_WORDS. */
  private static final Map<String, List<String>> PARAMETERS =
      Map.of(
          "start_value", List.of("起始产值", "start value", "亿元"),
          "base_value", List.of("基期产值", "base value", "亿元"),
          "drift_mean", List.of("平均增速", "mean growth", "log growth/yr"),
          "drift_sd", List.of("增速离散度", "growth s.d.", "log growth/yr"),
          "volatility", List.of("波动率", "volatility", "log output"),
          "base_count", List.of("起始数量", "start count", "count"),
          "yearly_rate", List.of("年均新增", "yearly arrivals", "count/yr"),
          "rate_shape", List.of("速率形状", "rate shape", ""));

  private TornadoChart() {}

  /**
   * A bar's label: the cell, the parameter's name and its unit, e.g. "pharma@etdz 起始产值 start value
   * (亿元)", as the Python tornado labels it; not the input id.
   */
  public static String label(TornadoBar b, ChartText text) {
    List<String> words =
        PARAMETERS.getOrDefault(b.getParameter(), List.of("", b.getParameter(), ""));
    String unit =
        switch (words.get(2)) {
          case "亿元" -> text.bilingual() ? "亿元" : "100M yuan";
          case "count" -> text.bilingual() ? "个" : "count";
          default -> words.get(2);
        };
    return b.getCellId()
        + " "
        + text.label(words.get(0), words.get(1))
        + (unit.isEmpty() ? "" : " (" + unit + ")");
  }

  public static int suggestedHeight(int bars) {
    return 170 + 26 * Math.max(bars, 1);
  }

  public static JFreeChart build(
      SensitivityReport report, int maxBars, String subtitle, ChartText text) {
    List<TornadoBar> bars =
        report.getTornadoList().subList(0, Math.min(maxBars, report.getTornadoCount()));
    String[] categories = new String[bars.size()];
    // Two series, each a bar from the point to one side: the step down and the step up.
    Number[][] starts = new Number[2][bars.size()];
    Number[][] ends = new Number[2][bars.size()];
    double point = 100 * report.getPHit().getEstimate();
    double lo = point;
    double hi = point;
    for (int i = 0; i < bars.size(); i++) {
      TornadoBar b = bars.get(i);
      categories[i] = label(b, text);
      starts[0][i] = point;
      ends[0][i] = 100 * b.getPHitLow().getEstimate();
      starts[1][i] = point;
      ends[1][i] = 100 * b.getPHitHigh().getEstimate();
      lo = Math.min(lo, Math.min(ends[0][i].doubleValue(), ends[1][i].doubleValue()));
      hi = Math.max(hi, Math.max(ends[0][i].doubleValue(), ends[1][i].doubleValue()));
    }
    DefaultIntervalCategoryDataset data =
        new DefaultIntervalCategoryDataset(
            new String[] {
              text.label("下调一步", "input one step down"), text.label("上调一步", "input one step up")
            },
            categories,
            starts,
            ends);
    CategoryAxis inputs = new CategoryAxis(text.label("输入", "Input (step)"));
    inputs.setTickLabelFont(text.font(Font.PLAIN, 11));
    inputs.setLabelFont(text.font(Font.PLAIN, 13));
    NumberAxis percent = new NumberAxis(text.label("达标概率（%）", "P(hit), %"));
    double pad = Math.max(1.0, 0.1 * (hi - lo));
    percent.setRange(Math.max(0, lo - pad), Math.min(100, hi + pad));
    percent.setNumberFormatOverride(new DecimalFormat("0.#"));
    percent.setLabelFont(text.font(Font.PLAIN, 13));
    percent.setTickLabelFont(text.font(Font.PLAIN, 12));

    IntervalBarRenderer r = new IntervalBarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, DOWN);
    r.setSeriesPaint(1, UP);
    r.setItemMargin(-1.0); // both sides on one line: they meet at the point
    r.setMinimumBarLength(1.0);

    CategoryPlot plot = new CategoryPlot(data, inputs, percent, r);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    ValueMarker at = new ValueMarker(point, POINT, new BasicStroke(1.5f));
    at.setLabel(String.format(Locale.ROOT, " P(hit) %.1f%%", point));
    at.setLabelFont(text.font(Font.PLAIN, 11));
    plot.addRangeMarker(at);

    JFreeChart chart =
        new JFreeChart(
            text.label(report.getName().getZh(), report.getName().getEn()),
            text.font(Font.BOLD, 16),
            plot,
            true);
    chart.addSubtitle(
        new TextTitle(
            text.label(
                "敏感性：各输入上下调一步时的达标概率", "Sensitivity: P(hit) with each input one step down and up"),
            text.font(Font.PLAIN, 13)));
    chart.addSubtitle(new TextTitle(subtitle, text.font(Font.PLAIN, 12)));
    chart.getLegend().setItemFont(text.font(Font.PLAIN, 12));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
