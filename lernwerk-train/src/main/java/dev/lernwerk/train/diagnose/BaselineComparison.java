package dev.lernwerk.train.diagnose;

import dev.lernwerk.train.metric.TextTable;
import java.util.List;

/**
 * Metrics of an untrained model beside those of the trained one (see {@link Baseline#compare}).
 *
 * @param rows one row per metric
 */
public record BaselineComparison(List<Row> rows) {

  /** Copies the rows into an unmodifiable list. */
  public BaselineComparison {
    rows = List.copyOf(rows);
  }

  /**
   * One metric before and after training.
   *
   * @param metric the metric's name
   * @param untrained its value for the untrained model
   * @param trained its value for the trained model
   */
  public record Row(String metric, double untrained, double trained) {
    /** {@code trained - untrained}. */
    public double change() {
      return trained - untrained;
    }
  }

  /** The row of a metric. */
  public Row row(String metric) {
    return rows.stream().filter(r -> r.metric().equals(metric)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "BaselineComparison: no metric '" + metric + "', have "
                + rows.stream().map(Row::metric).toList()));
  }

  /**
   * An aligned table:
   *
   * <pre>
   * metric    untrained  trained  change
   * loss          2.303   0.2341  -2.069
   * accuracy     0.0987   0.9312  +0.8325
   * </pre>
   */
  public String toText() {
    var t = new TextTable(1, "metric", "untrained", "trained", "change");
    for (Row r : rows) {
      double c = r.change();
      t.row(r.metric(), r.untrained(), r.trained(),
          (c > 0 ? "+" : "") + TextTable.number(c));
    }
    return t.toString();
  }
}
