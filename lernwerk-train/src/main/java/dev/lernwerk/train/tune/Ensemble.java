package dev.lernwerk.train.tune;

import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.metric.Metrics;
import java.util.Arrays;
import java.util.List;

/**
 * Combining the predictions of several models (ensembling, also of snapshots saved along a cyclic
 * schedule). Averaging probabilities usually beats every single member, because their errors are
 * partly independent.
 *
 * <pre>{@code
 * Tensor p = Ensemble.average(List.of(m1.forward(x).softmax(1), m2.forward(x).softmax(1)));
 * Tensor votes = Ensemble.vote(List.of(preds1, preds2, preds3), 10);
 * }</pre>
 */
public final class Ensemble {
  private Ensemble() {}

  /**
   * Elementwise mean {@code (1/M) sum_m p_m} of M tensors of equal shape (e.g. probabilities
   * {@code (N, C)}), summed in double; a new float tensor.
   */
  public static Tensor average(List<Tensor> probabilities) {
    double[] w = new double[probabilities == null ? 0 : probabilities.size()];
    Arrays.fill(w, 1.0);
    return combine("Ensemble.average", probabilities, w);
  }

  /** Weighted mean {@code sum_m w_m p_m / sum_m w_m}; weights non-negative, not all zero. */
  public static Tensor weightedAverage(List<Tensor> probabilities, double[] weights) {
    int m = probabilities == null ? 0 : probabilities.size();
    if (weights.length != m) {
      throw new IllegalArgumentException(
          "Ensemble.weightedAverage: " + m + " members but " + weights.length + " weights");
    }
    return combine("Ensemble.weightedAverage", probabilities, weights);
  }

  /**
   * Majority vote per sample: the class most members predict, the lowest class index on ties.
   *
   * @param preds M tensors of predicted classes {@code (N)} or scores {@code (N, C)} (argmax taken)
   * @return int32 tensor {@code (N)}
   */
  public static Tensor vote(List<Tensor> preds, int numClasses) {
    if (preds == null || preds.isEmpty()) {
      throw new IllegalArgumentException("Ensemble.vote: expected at least one member, got none");
    }
    if (numClasses < 1) {
      throw new IllegalArgumentException("Ensemble.vote: expected numClasses >= 1, got " + numClasses);
    }
    int n = -1;
    int[][] p = new int[preds.size()][];
    for (int m = 0; m < p.length; m++) {
      Tensor t = preds.get(m);
      Tensor cls = t.dim() == 2 ? Metrics.predictedClasses(t) : t;
      if (cls.dim() != 1) {
        throw new IllegalArgumentException(
            "Ensemble.vote: member " + m + " has shape " + Shape.str(t.shape())
                + ", expected classes (N) or scores (N, C)");
      }
      p[m] = cls.toIntArray();
      if (n >= 0 && p[m].length != n) {
        throw new IllegalArgumentException(
            "Ensemble.vote: member " + m + " has " + p[m].length + " samples, member 0 has " + n);
      }
      n = p[m].length;
      for (int i = 0; i < n; i++) {
        if (p[m][i] < 0 || p[m][i] >= numClasses) {
          throw new IllegalArgumentException(
              "Ensemble.vote: member " + m + " predicts class " + p[m][i] + " at index " + i
                  + ", outside [0, " + numClasses + ")");
        }
      }
    }
    int[] out = new int[n];
    int[] counts = new int[numClasses];
    for (int i = 0; i < n; i++) {
      Arrays.fill(counts, 0);
      for (int[] member : p) {
        counts[member[i]]++;
      }
      int best = 0;
      for (int c = 1; c < numClasses; c++) {
        if (counts[c] > counts[best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return Tensor.wrapInts(out, n);
  }

  private static Tensor combine(String op, List<Tensor> members, double[] w) {
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException(op + ": expected at least one member, got none");
    }
    int[] shape = members.get(0).shape();
    double total = 0;
    for (int m = 0; m < w.length; m++) {
      if (!(w[m] >= 0) || Double.isInfinite(w[m])) {
        throw new IllegalArgumentException(op + ": weight " + m + " must be finite and >= 0, got " + w[m]);
      }
      total += w[m];
      if (!Arrays.equals(members.get(m).shape(), shape)) {
        throw new IllegalArgumentException(
            op + ": member " + m + " has shape " + Shape.str(members.get(m).shape())
                + ", member 0 has " + Shape.str(shape));
      }
    }
    if (total == 0) {
      throw new IllegalArgumentException(op + ": the weights sum to 0");
    }
    double[] acc = new double[Shape.numel(shape)];
    for (int m = 0; m < w.length; m++) {
      float[] v = members.get(m).toFloatArray();
      double wm = w[m];
      for (int i = 0; i < acc.length; i++) {
        acc[i] += wm * v[i];
      }
    }
    float[] out = new float[acc.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (acc[i] / total);
    }
    return Tensor.wrap(out, shape);
  }
}
