package dev.lernwerk.train.metric;

import java.util.Arrays;

/**
 * A receiver operating characteristic curve: for each threshold t (descending), the false
 * positive rate {@code fpr = FP / N} and true positive rate {@code tpr = TP / P} of the rule
 * "positive when score >= t", plus the area under it.
 *
 * <p>Computed like sklearn's {@code roc_curve(drop_intermediate=True)}: samples with equal scores
 * form one threshold (so ties give a diagonal segment, worth half credit in the area), collinear
 * points are dropped, and the curve starts at (0, 0) with threshold {@code +inf}. The area is the
 * trapezoid rule over the points, equal to the probability that a random positive scores above a
 * random negative (ties counting one half).
 *
 * @param fpr false positive rates, ascending, from 0 to 1
 * @param tpr true positive rates, ascending, from 0 to 1
 * @param thresholds score thresholds, descending, the first {@code +inf}
 * @param auc area under the curve
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds, double auc) {

  /** The curve of {@code scores} against labels that are 0 (negative) or 1 (positive). */
  static RocCurve of(String op, double[] scores, int[] labels) {
    int n = scores.length;
    long pos = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException(
            op + ": labels must be 0 or 1, got " + labels[i] + " at index " + i);
      }
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException(op + ": score at index " + i + " is NaN");
      }
      pos += labels[i];
    }
    if (pos == 0 || pos == n) {
      throw new IllegalArgumentException(
          op + ": only one class present in the labels (" + pos + " positives of " + n
              + "); the ROC curve needs both positives and negatives");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    // cumulative counts at the last index of each distinct score
    double[] tps = new double[n];
    double[] fps = new double[n];
    double[] thr = new double[n];
    int m = 0;
    long tp = 0;
    for (int i = 0; i < n; i++) {
      tp += labels[order[i]];
      if (i == n - 1 || scores[order[i + 1]] != scores[order[i]]) {
        tps[m] = tp;
        fps[m] = i + 1 - tp;
        thr[m] = scores[order[i]];
        m++;
      }
    }
    // keep the end points and every point where the slope changes
    int kept = 0;
    for (int i = 0; i < m; i++) {
      boolean keep = i == 0 || i == m - 1
          || fps[i - 1] - 2 * fps[i] + fps[i + 1] != 0
          || tps[i - 1] - 2 * tps[i] + tps[i + 1] != 0;
      if (keep) {
        tps[kept] = tps[i];
        fps[kept] = fps[i];
        thr[kept] = thr[i];
        kept++;
      }
    }
    double[] f = new double[kept + 1];
    double[] t = new double[kept + 1];
    double[] th = new double[kept + 1];
    th[0] = Double.POSITIVE_INFINITY;
    double negTotal = fps[kept - 1];
    double posTotal = tps[kept - 1];
    for (int i = 0; i < kept; i++) {
      f[i + 1] = fps[i] / negTotal;
      t[i + 1] = tps[i] / posTotal;
      th[i + 1] = thr[i];
    }
    return new RocCurve(f, t, th, Metrics.trapezoid(f, t));
  }

  /** Number of points on the curve. */
  public int size() {
    return fpr.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RocCurve r && Arrays.equals(fpr, r.fpr) && Arrays.equals(tpr, r.tpr)
        && Arrays.equals(thresholds, r.thresholds) && Double.compare(auc, r.auc) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fpr) * 31 + Arrays.hashCode(tpr);
  }

  @Override
  public String toString() {
    return "RocCurve[auc=" + auc + ", fpr=" + Arrays.toString(fpr) + ", tpr="
        + Arrays.toString(tpr) + ", thresholds=" + Arrays.toString(thresholds) + "]";
  }
}
