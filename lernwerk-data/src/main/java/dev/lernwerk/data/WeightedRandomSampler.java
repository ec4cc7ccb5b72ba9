package dev.lernwerk.data;

import dev.lernwerk.tensor.Generator;
import java.util.Arrays;

/**
 * Draws sample indices with probability proportional to a weight per sample (DA-08), like PyTorch's
 * {@code WeightedRandomSampler}: {@code P(i) = w_i / Σ_j w_j} per draw with replacement; without
 * replacement each draw removes the chosen index (Efraimidis–Spirakis keys {@code log(u)/w_i}).
 *
 * <p>{@link #classBalanced(int[])} weights each sample by {@code 1 / count(its class)}, so every
 * class is drawn equally often in expectation: the usual cure for an imbalanced training set.
 *
 * <pre>{@code
 * Sampler s = WeightedRandomSampler.classBalanced(labels);   // labels: int[N]
 * var loader = DataLoader.builder(train).batchSize(64).sampler(s).seed(1).build();
 * }</pre>
 */
public final class WeightedRandomSampler implements Sampler {
  private final double[] weights;
  private final double[] cumulative;
  private final int numSamples;
  private final boolean replacement;

  /**
   * @param weights one non-negative finite weight per sample (not all zero)
   * @param numSamples indices per epoch
   * @param replacement draw with replacement; without, {@code numSamples} must not exceed the number
   *     of positive weights
   */
  public WeightedRandomSampler(double[] weights, int numSamples, boolean replacement) {
    if (weights == null || weights.length == 0) {
      throw new IllegalArgumentException("WeightedRandomSampler: expected at least one weight");
    }
    if (numSamples < 0) {
      throw new IllegalArgumentException(
          "WeightedRandomSampler: numSamples must be >= 0, got " + numSamples);
    }
    this.weights = weights.clone();
    cumulative = new double[weights.length];
    double acc = 0;
    int positive = 0;
    for (int i = 0; i < weights.length; i++) {
      double w = weights[i];
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException(
            "WeightedRandomSampler: weight " + w + " at index " + i
                + " is invalid (expected finite and >= 0)");
      }
      if (w > 0) {
        positive++;
      }
      acc += w;
      cumulative[i] = acc;
    }
    if (positive == 0) {
      throw new IllegalArgumentException("WeightedRandomSampler: all weights are zero");
    }
    if (!replacement && numSamples > positive) {
      throw new IllegalArgumentException(
          "WeightedRandomSampler: cannot draw " + numSamples + " samples without replacement when"
              + " only " + positive + " weights are positive");
    }
    this.numSamples = numSamples;
    this.replacement = replacement;
  }

  /**
   * Weights {@code 1 / count(label)} for every sample, {@code labels.length} draws per epoch with
   * replacement: each class is drawn equally often in expectation.
   *
   * @param labels class labels, each &gt;= 0
   */
  public static WeightedRandomSampler classBalanced(int[] labels) {
    int[] counts = ClassWeights.counts(labels, 0);
    double[] w = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      w[i] = 1.0 / counts[labels[i]];
    }
    return new WeightedRandomSampler(w, labels.length, true);
  }

  @Override
  public int length() {
    return numSamples;
  }

  @Override
  public int sourceSize() {
    return weights.length;
  }

  /** A copy of the weights. */
  public double[] weights() {
    return weights.clone();
  }

  /** True when indices are drawn with replacement. */
  public boolean replacement() {
    return replacement;
  }

  @Override
  public int[] epoch(Generator gen) {
    int[] out = new int[numSamples];
    int n = weights.length;
    if (replacement) {
      double total = cumulative[n - 1];
      for (int k = 0; k < numSamples; k++) {
        double u = gen.nextDouble() * total;
        // the first index whose cumulative weight exceeds u: its own weight is positive
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (cumulative[mid] > u) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        int i = lo;
        while (weights[i] == 0) {
          i--; // only when u rounded up to the total: take the last positive weight
        }
        out[k] = i;
      }
      return out;
    }
    // without replacement: the numSamples largest keys log(u) / w (zero weights never chosen)
    double[] keys = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      double u = gen.nextDouble();
      keys[i] = weights[i] > 0 ? Math.log(Math.max(u, Double.MIN_VALUE)) / weights[i]
          : Double.NEGATIVE_INFINITY;
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> keys[a] != keys[b] ? Double.compare(keys[b], keys[a])
        : Integer.compare(a, b));
    for (int k = 0; k < numSamples; k++) {
      out[k] = order[k];
    }
    return out;
  }

  @Override
  public String toString() {
    return "WeightedRandomSampler(n=" + weights.length + ", numSamples=" + numSamples
        + ", replacement=" + replacement + ")";
  }
}
