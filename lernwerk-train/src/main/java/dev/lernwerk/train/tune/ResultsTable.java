package dev.lernwerk.train.tune;

import dev.lernwerk.train.metric.TextTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The trials of a hyperparameter search and the best one by a chosen metric. Select on a
 * validation metric ({@code val_accuracy}, {@code val_loss}), never on the test split: the test
 * score of the chosen setting is only honest if the test data played no part in choosing it.
 *
 * <pre>{@code
 * var table = new ResultsTable("val_accuracy", true);
 * for (var p : Grid.of(axes)) table.add(new Trial(p, trainAndEvaluate(p)));
 * Trial best = table.best();
 * System.out.print(table.toText());
 * Files.writeString(path, table.toCsv());
 * }</pre>
 *
 * Trials whose objective is missing or NaN (a diverged run) sort last and are never the best.
 */
public final class ResultsTable {
  private final String objective;
  private final boolean higherIsBetter;
  private final List<Trial> trials = new ArrayList<>();

  /** A table that ranks trials by {@code objective}, higher or lower being better. */
  public ResultsTable(String objective, boolean higherIsBetter) {
    if (objective == null || objective.isBlank()) {
      throw new IllegalArgumentException(
          "ResultsTable: expected the name of the metric to select on, got '" + objective + "'");
    }
    this.objective = objective;
    this.higherIsBetter = higherIsBetter;
  }

  /** The metric trials are ranked by. */
  public String objective() {
    return objective;
  }

  /** True when a higher objective is better. */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** Adds a trial; returns this table. */
  public ResultsTable add(Trial trial) {
    if (trial == null) {
      throw new IllegalArgumentException("ResultsTable.add: trial must not be null");
    }
    trials.add(trial);
    return this;
  }

  /** Adds {@code new Trial(params, metrics)}; returns this table. */
  public ResultsTable add(Map<String, ?> params, Map<String, Double> metrics) {
    return add(new Trial(new java.util.LinkedHashMap<String, Object>(params), metrics));
  }

  /** The trials in the order they were added. */
  public List<Trial> trials() {
    return List.copyOf(trials);
  }

  /** Number of trials. */
  public int size() {
    return trials.size();
  }

  /** The trials ranked by the objective, best first (stable: ties keep their order). */
  public List<Trial> sorted() {
    return sortedBy(objective, higherIsBetter);
  }

  /** The trials ranked by any metric, best first; missing or NaN values last. */
  public List<Trial> sortedBy(String metric, boolean higherIsBetter) {
    Comparator<Trial> byValue = Comparator.comparingDouble(t -> t.metrics().get(metric));
    Comparator<Trial> cmp = (a, b) -> {
      boolean va = valid(a, metric);
      boolean vb = valid(b, metric);
      if (va != vb) {
        return va ? -1 : 1;
      }
      if (!va) {
        return 0;
      }
      return higherIsBetter ? byValue.reversed().compare(a, b) : byValue.compare(a, b);
    };
    var s = new ArrayList<>(trials);
    s.sort(cmp);
    return List.copyOf(s);
  }

  /** The best trial by the objective; throws when no trial has a finite value for it. */
  public Trial best() {
    List<Trial> s = sorted();
    if (s.isEmpty() || !valid(s.get(0), objective)) {
      throw new IllegalStateException(
          "ResultsTable.best: no trial has a value for '" + objective + "' yet (" + trials.size()
              + " trials)");
    }
    return s.get(0);
  }

  private static boolean valid(Trial t, String metric) {
    Double v = t.metrics().get(metric);
    return v != null && !v.isNaN();
  }

  /**
   * The trials ranked best first as an aligned table: a rank column, one column per parameter,
   * one per metric (in first-seen order); the best row is marked with {@code *}.
   */
  public String toText() {
    List<String> params = paramNames();
    List<String> metrics = metricNames();
    String[] header = new String[2 + params.size() + metrics.size()];
    header[0] = "#";
    header[1] = "";
    for (int i = 0; i < params.size(); i++) {
      header[2 + i] = params.get(i);
    }
    for (int i = 0; i < metrics.size(); i++) {
      header[2 + params.size() + i] = metrics.get(i);
    }
    var t = new TextTable(0, header);
    List<Trial> s = sorted();
    for (int r = 0; r < s.size(); r++) {
      Trial tr = s.get(r);
      Object[] row = new Object[header.length];
      row[0] = r + 1;
      row[1] = r == 0 && valid(tr, objective) ? "*" : "";
      for (int i = 0; i < params.size(); i++) {
        row[2 + i] = tr.params().getOrDefault(params.get(i), "");
      }
      for (int i = 0; i < metrics.size(); i++) {
        Double v = tr.metrics().get(metrics.get(i));
        row[2 + params.size() + i] = v == null ? "" : v;
      }
      t.row(row);
    }
    return "ranked by " + objective + " (" + (higherIsBetter ? "higher" : "lower")
        + " is better)\n" + t;
  }

  /**
   * The trials in the order added as CSV (RFC 4180): a header of parameter then metric names,
   * numbers at full precision, empty cells for missing values.
   */
  public String toCsv() {
    List<String> params = paramNames();
    List<String> metrics = metricNames();
    var sb = new StringBuilder();
    var head = new ArrayList<String>(params);
    head.addAll(metrics);
    sb.append(String.join(",", head.stream().map(ResultsTable::csv).toList())).append('\n');
    for (Trial t : trials) {
      var cells = new ArrayList<String>();
      for (String p : params) {
        Object v = t.params().get(p);
        cells.add(v == null ? "" : csv(String.valueOf(v)));
      }
      for (String m : metrics) {
        Double v = t.metrics().get(m);
        cells.add(v == null ? "" : Double.toString(v));
      }
      sb.append(String.join(",", cells)).append('\n');
    }
    return sb.toString();
  }

  private List<String> paramNames() {
    var s = new LinkedHashSet<String>();
    trials.forEach(t -> s.addAll(t.params().keySet()));
    return List.copyOf(s);
  }

  private List<String> metricNames() {
    var s = new LinkedHashSet<String>();
    trials.forEach(t -> s.addAll(t.metrics().keySet()));
    return List.copyOf(s);
  }

  private static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  @Override
  public String toString() {
    return toText();
  }
}
