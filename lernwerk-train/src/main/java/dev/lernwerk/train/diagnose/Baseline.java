package dev.lernwerk.train.diagnose;

import dev.lernwerk.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reference numbers a trained model must beat: what an untrained model or a trivial rule scores.
 *
 * <p>The course's first check: before training, evaluate the model with the same metrics (an
 * untrained classifier should score about {@link #chanceAccuracy} and have a loss near
 * {@link #uniformCrossEntropy}); after training, {@link #compare} the two.
 *
 * <pre>{@code
 * Map<String, Double> before = evaluate(model, valid);   // untrained
 * train(model);
 * Map<String, Double> after = evaluate(model, valid);
 * System.out.print(Baseline.compare(before, after).toText());
 * }</pre>
 */
public final class Baseline {
  private Baseline() {}

  /** Accuracy of guessing uniformly at random among {@code numClasses} classes: {@code 1 / C}. */
  public static double chanceAccuracy(int numClasses) {
    checkClasses("chanceAccuracy", numClasses);
    return 1.0 / numClasses;
  }

  /**
   * Cross-entropy of a uniform prediction over {@code numClasses} classes: {@code ln C} (2.303 for
   * 10 classes). A freshly initialised classifier should start near it; much higher means its
   * initial logits are too large.
   */
  public static double uniformCrossEntropy(int numClasses) {
    checkClasses("uniformCrossEntropy", numClasses);
    return Math.log(numClasses);
  }

  /** Accuracy of always predicting the most frequent label: its share of {@code labels (N)}. */
  public static double majorityAccuracy(Tensor labels) {
    int[] y = labels.toIntArray();
    if (y.length == 0) {
      throw new IllegalArgumentException("majorityAccuracy: got no labels");
    }
    var counts = new java.util.HashMap<Integer, Integer>();
    int best = 0;
    for (int v : y) {
      best = Math.max(best, counts.merge(v, 1, Integer::sum));
    }
    return (double) best / y.length;
  }

  /**
   * MSE of always predicting the mean target: the (population) variance of {@code targets}. A
   * regression model with MSE above it has R² below 0.
   */
  public static double meanPredictorMse(Tensor targets) {
    float[] t = targets.toFloatArray();
    if (t.length == 0) {
      throw new IllegalArgumentException("meanPredictorMse: got no targets");
    }
    double m = 0;
    for (float v : t) {
      m += v;
    }
    m /= t.length;
    double s = 0;
    for (float v : t) {
      s += (v - m) * (v - m);
    }
    return s / t.length;
  }

  /**
   * Puts the metrics of an untrained model beside those of the trained one: one row per metric in
   * the order of {@code untrained}, then metrics only in {@code trained}; a metric missing on one
   * side shows as NaN.
   */
  public static BaselineComparison compare(
      Map<String, Double> untrained, Map<String, Double> trained) {
    var names = new LinkedHashMap<String, Boolean>();
    untrained.keySet().forEach(k -> names.put(k, true));
    trained.keySet().forEach(k -> names.put(k, true));
    var rows = new java.util.ArrayList<BaselineComparison.Row>();
    for (String k : names.keySet()) {
      rows.add(new BaselineComparison.Row(k, untrained.getOrDefault(k, Double.NaN),
          trained.getOrDefault(k, Double.NaN)));
    }
    return new BaselineComparison(rows);
  }

  private static void checkClasses(String op, int c) {
    if (c < 1) {
      throw new IllegalArgumentException(op + ": expected numClasses >= 1, got " + c);
    }
  }
}
