package dev.lernwerk.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Per-epoch logs of a fit: train and validation loss and metrics (validation keys carry the {@code
 * val_} prefix, as in Keras), learning rate, time and throughput.
 *
 * <pre>{@code
 * History h = trainer.fit(trainLoader, validLoader, 5);
 * double[] valLoss = h.series("val_loss");
 * System.out.println(h.toTable());
 * }</pre>
 */
public final class History {
  /** An empty history. */
  public History() {}

  private final List<Map<String, Double>> epochs = new ArrayList<>();

  /** Appends one epoch's logs (copied). */
  public void add(Map<String, Double> logs) {
    epochs.add(Collections.unmodifiableMap(new LinkedHashMap<>(logs)));
  }

  /** Number of recorded epochs. */
  public int size() {
    return epochs.size();
  }

  /** The logs of epoch {@code i} (0-based). */
  public Map<String, Double> epoch(int i) {
    return epochs.get(i);
  }

  /** All epochs' logs. */
  public List<Map<String, Double>> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /** The last epoch's logs (empty before the first epoch). */
  public Map<String, Double> last() {
    return epochs.isEmpty() ? Map.of() : epochs.get(epochs.size() - 1);
  }

  /** One key across epochs (NaN where an epoch lacks it). */
  public double[] series(String key) {
    double[] v = new double[epochs.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = epochs.get(i).getOrDefault(key, Double.NaN);
    }
    return v;
  }

  /** Every key seen, in first-seen order. */
  public Set<String> keys() {
    Set<String> k = new LinkedHashSet<>();
    for (Map<String, Double> e : epochs) {
      k.addAll(e.keySet());
    }
    return k;
  }

  /** An aligned text table, one row per epoch. */
  public String toTable() {
    List<String> keys = new ArrayList<>(keys());
    StringBuilder sb = new StringBuilder();
    for (String k : keys) {
      sb.append(String.format(Locale.ROOT, "%12s", k));
    }
    sb.append('\n');
    for (Map<String, Double> e : epochs) {
      for (String k : keys) {
        sb.append(String.format(Locale.ROOT, "%12s", format(k, e.getOrDefault(k, Double.NaN))));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * How the text tables print one log value: {@code -} for NaN, the epoch as an integer, the
   * learning rate with 3 significant digits, throughput without decimals, times with 2 and
   * everything else with 4.
   */
  public static String format(String key, double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (key.equals("epoch")) {
      return Long.toString(Math.round(v));
    }
    if (key.equals("lr")) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    if (key.endsWith("samples_per_s")) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (key.endsWith("time_s")) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
