package chaincast.chart;

import chaincast.v1.JointOdds;
import chaincast.v1.Probability;
import chaincast.v1.TargetOdds;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.IntervalBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.category.DefaultIntervalCategoryDataset;

/**
 * P(hit) per target (and joint set) as horizontal bars, each with its 95% Wilson interval drawn as
 * a dark band at the bar's end: with a million paths the interval is a sliver, and the chart shows
 * that too.
 */
public final class OddsChart {
  private static final Color BAR = new Color(0x9ecae1);
  private static final Color JOINT = new Color(0xfdae6b);
  private static final Color INTERVAL = new Color(0x08306b);

  /**
   * The percent axis runs past 100 so that a bar at 100% ends inside the frame with its label
   * beside it; ticks stop at 100 (plotting.py's plot_odds does the same).
   */
  public static final double AXIS_END = 110;

  private OddsChart() {}

  /** One bar of the chart: keyed by id (names may repeat), shown by its label. */
  private record Bar(String id, String label, Probability p, boolean joint)
      implements Comparable<Bar> {
    @Override
    public int compareTo(Bar other) {
      return id.compareTo(other.id);
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /**
   * A target's bar label: its name, bilingual when Chinese can be drawn (as the Python charts label
   * it), the id only when the target has no name.
   */
  public static String label(TargetOdds o, ChartText text) {
    String zh = o.getName().getZh();
    String en = o.getName().getEn();
    if (en.isEmpty() && (zh.isEmpty() || !text.bilingual())) {
      return o.getTargetId();
    }
    return text.bilingual() && !zh.isEmpty() && en.contains(zh) ? en : text.label(zh, en);
  }

  /** Height in pixels that fits {@code rows} bars with readable labels. */
  public static int suggestedHeight(int rows) {
    return 150 + 24 * Math.max(rows, 1);
  }

  public static JFreeChart build(
      List<TargetOdds> odds, List<JointOdds> joint, String subtitle, ChartText text) {
    List<Bar> bars = new ArrayList<>();
    for (TargetOdds o : odds) {
      bars.add(new Bar(o.getTargetId(), label(o, text), o.getPHit(), false));
    }
    for (JointOdds j : joint) {
      String id = "joint:" + j.getId();
      bars.add(new Bar(id, text.label("联合", "all of") + " " + j.getId(), j.getPAllHit(), true));
    }
    String series = "P(hit)";
    DefaultCategoryDataset estimates = new DefaultCategoryDataset();
    Bar[] categories = new Bar[bars.size()];
    Number[][] lows = new Number[1][bars.size()];
    Number[][] highs = new Number[1][bars.size()];
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      categories[i] = b;
      estimates.addValue(100 * b.p().getEstimate(), series, b);
      lows[0][i] = 100 * b.p().getCiLow();
      highs[0][i] = 100 * b.p().getCiHigh();
    }

    CategoryAxis targets = targetAxis(text);
    NumberAxis percent = percentAxis(text);

    BarRenderer barRenderer = barRenderer(bars, text);

    CategoryPlot plot = new CategoryPlot(estimates, targets, percent, barRenderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));

    IntervalBarRenderer intervalRenderer = intervalRenderer();
    plot.setDataset(
        1, new DefaultIntervalCategoryDataset(new String[] {"95%"}, categories, lows, highs));
    plot.setRenderer(1, intervalRenderer);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD); // the interval over its bar

    JFreeChart chart =
        new JFreeChart(
            text.label("各目标达标概率", "Odds of reaching each target"),
            text.font(Font.BOLD, 17),
            plot,
            false);
    chart.addSubtitle(
        new TextTitle(
            text.label("条：达标概率；深色段：95%区间", "Bar: P(hit); dark band at its end: 95% interval")
                + " · "
                + subtitle,
            text.font(Font.PLAIN, 12)));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static CategoryAxis targetAxis(ChartText text) {
    CategoryAxis targets = new CategoryAxis(text.label("目标", "Target"));
    targets.setTickLabelFont(text.font(Font.PLAIN, 11));
    targets.setLabelFont(text.font(Font.PLAIN, 13));
    targets.setCategoryMargin(0.25);
    return targets;
  }

  private static NumberAxis percentAxis(ChartText text) {
    NumberAxis percent =
        new NumberAxis(text.label("达标概率（%）", "Probability of reaching the target, %"));
    percent.setRange(0, AXIS_END);
    percent.setTickUnit(new NumberTickUnit(20, new DecimalFormat("0")));
    percent.setLabelFont(text.font(Font.PLAIN, 13));
    percent.setTickLabelFont(text.font(Font.PLAIN, 12));
    return percent;
  }

  /** Bars coloured by kind (a target, or a joint set) and labelled with their odds. */
  private static BarRenderer barRenderer(List<Bar> bars, ChartText text) {
    BarRenderer barRenderer =
        new BarRenderer() {
          @Override
          public Paint getItemPaint(int row, int column) {
            return bars.get(column).joint() ? JOINT : BAR;
          }
        };
    barRenderer.setBarPainter(new StandardBarPainter());
    barRenderer.setShadowVisible(false);
    barRenderer.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator() {
          @Override
          public String generateLabel(CategoryDataset data, int row, int column) {
            return percentLabel(bars.get(column).p().getEstimate());
          }
        });
    barRenderer.setDefaultItemLabelsVisible(true);
    barRenderer.setDefaultItemLabelFont(text.font(Font.PLAIN, 11));
    barRenderer.setDefaultPositiveItemLabelPosition(
        new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
    return barRenderer;
  }

  /** The 95% interval, drawn over the end of each bar. */
  private static IntervalBarRenderer intervalRenderer() {
    IntervalBarRenderer intervalRenderer = new IntervalBarRenderer();
    intervalRenderer.setBarPainter(new StandardBarPainter());
    intervalRenderer.setShadowVisible(false);
    intervalRenderer.setSeriesPaint(0, INTERVAL);
    // a visible tick even when the interval is narrower than a pixel
    intervalRenderer.setMinimumBarLength(2.0);
    return intervalRenderer;
  }

  /** One decimal; three below 1% so small odds do not read as zero; "0%" only when no path hit. */
  public static String percentLabel(double p) {
    if (p == 0) {
      return "0%";
    }
    return String.format(Locale.ROOT, p < 0.01 ? "%.3f%%" : "%.1f%%", 100 * p);
  }
}
