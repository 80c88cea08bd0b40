package chaincast.chart;

import chaincast.v1.BacktestMethod;
import chaincast.v1.BacktestResponse;
import chaincast.v1.BacktestSummary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The two charts of a backtest: the PIT histogram per method (flat at 1 when the forecasts are
 * calibrated) and the observed coverage of the 50/80/95% intervals per method beside the nominal
 * levels. Both pool every horizon and vantage year.
 */
public final class BacktestChart {
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0x7f7f7f)
  };

  private BacktestChart() {}

  /** Suggested height in pixels. */
  public static int suggestedHeight() {
    return 480;
  }

  /** The PIT histogram and the coverage chart, to draw side by side. */
  public static List<JFreeChart> build(BacktestResponse r, ChartText text) {
    return List.of(pit(r, text), coverage(r, text));
  }

  /** Methods in display order, with their bilingual names. */
  static String methodName(BacktestMethod m, ChartText text) {
    return switch (m) {
      case BACKTEST_METHOD_MODEL -> text.label("校准模型", "calibrated model");
      case BACKTEST_METHOD_RANDOM_WALK -> text.label("随机游走", "random walk (3 years)");
      case BACKTEST_METHOD_PLAN -> text.label("规划增速", "plan's growth");
      default -> m.name();
    };
  }

  static JFreeChart pit(BacktestResponse r, ChartText text) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (BacktestMethod m : methods()) {
      int[] counts = new int[10];
      int total = 0;
      for (BacktestSummary s : r.getSummariesList()) {
        if (s.getMethod() == m) {
          for (int b = 0; b < s.getPitHistogramCount() && b < 10; b++) {
            counts[b] += s.getPitHistogram(b);
          }
          total += s.getForecasts();
        }
      }
      for (int b = 0; b < 10; b++) {
        String bin = String.format(Locale.ROOT, "%.1f–%.1f", b / 10.0, (b + 1) / 10.0);
        data.addValue(total == 0 ? 0 : counts[b] * 10.0 / total, methodName(m, text), bin);
      }
    }
    CategoryPlot plot =
        plot(
            data,
            text,
            text.label("PIT 值", "PIT value"),
            text.label("密度（均匀=1）", "density (calibrated = 1)"));
    ValueMarker flat = new ValueMarker(1.0, Color.BLACK, new BasicStroke(1.5f));
    plot.addRangeMarker(flat);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    return chart(plot, text, text.label("PIT 直方图", "PIT histogram"), r);
  }

  static JFreeChart coverage(BacktestResponse r, ChartText text) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    String[] levels = {"50%", "80%", "95%"};
    double[] nominal = {0.5, 0.8, 0.95};
    for (int i = 0; i < levels.length; i++) {
      data.addValue(100 * nominal[i], text.label("名义", "nominal"), levels[i]);
    }
    for (BacktestMethod m : methods()) {
      double[] covered = new double[3];
      int total = 0;
      for (BacktestSummary s : r.getSummariesList()) {
        if (s.getMethod() == m) {
          covered[0] += s.getCoverage50() * s.getForecasts();
          covered[1] += s.getCoverage80() * s.getForecasts();
          covered[2] += s.getCoverage95() * s.getForecasts();
          total += s.getForecasts();
        }
      }
      for (int i = 0; i < levels.length; i++) {
        data.addValue(total == 0 ? 0 : 100 * covered[i] / total, methodName(m, text), levels[i]);
      }
    }
    CategoryPlot plot =
        plot(
            data,
            text,
            text.label("中心区间", "central interval"),
            text.label("实际落入比例（%）", "actuals inside, %"));
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setSeriesPaint(0, COLORS[3]);
    for (int i = 0; i < methods().size(); i++) {
      renderer.setSeriesPaint(i + 1, COLORS[i]);
    }
    return chart(plot, text, text.label("区间覆盖率", "Interval coverage"), r);
  }

  private static List<BacktestMethod> methods() {
    return List.of(
        BacktestMethod.BACKTEST_METHOD_MODEL,
        BacktestMethod.BACKTEST_METHOD_RANDOM_WALK,
        BacktestMethod.BACKTEST_METHOD_PLAN);
  }

  private static CategoryPlot plot(
      DefaultCategoryDataset data, ChartText text, String domain, String range) {
    CategoryAxis x = new CategoryAxis(domain);
    x.setLabelFont(text.font(Font.PLAIN, 13));
    x.setTickLabelFont(text.font(Font.PLAIN, 11));
    NumberAxis y = new NumberAxis(range);
    y.setLabelFont(text.font(Font.PLAIN, 13));
    y.setTickLabelFont(text.font(Font.PLAIN, 11));
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.05);
    for (int i = 0; i < COLORS.length; i++) {
      renderer.setSeriesPaint(i, COLORS[i]);
    }
    CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    return plot;
  }

  private static JFreeChart chart(
      CategoryPlot plot, ChartText text, String title, BacktestResponse r) {
    JFreeChart chart = new JFreeChart(title, text.font(Font.BOLD, 15), plot, true);
    int forecasts =
        r.getSummariesList().stream()
            .filter(s -> s.getMethod() == BacktestMethod.BACKTEST_METHOD_MODEL)
            .mapToInt(BacktestSummary::getForecasts)
            .sum();
    chart.addSubtitle(
        new TextTitle(
            String.format(
                Locale.ROOT,
                "%s: %,d, %s 1–%d",
                text.label("每种方法的预测数", "forecasts per method"),
                forecasts,
                text.label("提前年数", "horizons"),
                r.getHorizon()),
            text.font(Font.PLAIN, 12)));
    chart.getLegend().setItemFont(text.font(Font.PLAIN, 12));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
