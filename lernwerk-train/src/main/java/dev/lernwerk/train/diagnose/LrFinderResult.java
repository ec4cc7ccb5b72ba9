package dev.lernwerk.train.diagnose;

import java.util.Arrays;

/**
 * The record of a learning-rate range test (Smith 2015, "Cyclical Learning Rates for Training
 * Neural Networks"; fastai's {@code lr_find}): the learning rate grows exponentially every batch
 * ({@link #exponentialRamp}) while the training loss is recorded, until the smoothed loss exceeds
 * four times its best so far.
 *
 * <p>The loss is smoothed with a bias-corrected exponential moving average (fastai's
 * {@code AvgSmoothLoss}): {@code a_i = beta a_{i-1} + (1 - beta) loss_i}, {@code smooth_i = a_i /
 * (1 - beta^(i+1))}. The suggestions read the smoothed curve like fastai does: they skip the first
 * tenth of the points and the last five recorded ones (the divergence), and they never look past
 * the stop point.
 *
 * <pre>{@code
 * double[] lrs = LrFinderResult.exponentialRamp(1e-7, 10, 100);
 * // train one batch per lr, record the loss ...
 * var r = new LrFinderResult(lrs, losses);
 * double lr = r.suggestSteepest();        // or r.suggestMinimumDiv10(), r.suggestValley()
 * }</pre>
 *
 * @param lrs the learning rates tried, positive and increasing
 * @param losses the training loss after each of them (same length)
 */
public record LrFinderResult(double[] lrs, double[] losses) {
  /** Smoothing factor of fastai's recorder. */
  public static final double DEFAULT_BETA = 0.98;
  /** The run stops once the smoothed loss exceeds this multiple of its best. */
  public static final double DIVERGENCE_FACTOR = 4;

  /** Checks that both arrays have the same length (at least 2) and copies them. */
  public LrFinderResult {
    if (lrs.length != losses.length) {
      throw new IllegalArgumentException(
          "LrFinderResult: " + lrs.length + " learning rates but " + losses.length + " losses");
    }
    if (lrs.length < 2) {
      throw new IllegalArgumentException(
          "LrFinderResult: need at least 2 points, got " + lrs.length);
    }
    for (int i = 0; i < lrs.length; i++) {
      if (!(lrs[i] > 0) || Double.isInfinite(lrs[i]) || (i > 0 && !(lrs[i] > lrs[i - 1]))) {
        throw new IllegalArgumentException(
            "LrFinderResult: learning rates must be positive and increasing, got " + lrs[i]
                + " at index " + i + (i > 0 ? " after " + lrs[i - 1] : ""));
      }
    }
    lrs = lrs.clone();
    losses = losses.clone();
  }

  /** Number of recorded points. */
  public int size() {
    return lrs.length;
  }

  /** {@code steps} learning rates from {@code startLr} to {@code endLr}, evenly spaced in log scale. */
  public static double[] exponentialRamp(double startLr, double endLr, int steps) {
    if (!(startLr > 0) || !(endLr > startLr) || Double.isInfinite(endLr)) {
      throw new IllegalArgumentException(
          "exponentialRamp: expected 0 < startLr < endLr, got startLr=" + startLr + ", endLr="
              + endLr);
    }
    if (steps < 2) {
      throw new IllegalArgumentException("exponentialRamp: expected steps >= 2, got " + steps);
    }
    double[] r = new double[steps];
    double ratio = endLr / startLr;
    for (int i = 0; i < steps; i++) {
      r[i] = startLr * Math.pow(ratio, (double) i / (steps - 1));
    }
    r[steps - 1] = endLr;
    return r;
  }

  /** The losses smoothed with {@link #DEFAULT_BETA}. */
  public double[] smoothed() {
    return smoothed(DEFAULT_BETA);
  }

  /** The losses smoothed by a bias-corrected exponential moving average with factor {@code beta}. */
  public double[] smoothed(double beta) {
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException("smoothed: beta must be in [0, 1), got " + beta);
    }
    double[] s = new double[losses.length];
    double avg = 0;
    double pow = 1;
    for (int i = 0; i < losses.length; i++) {
      avg = beta * avg + (1 - beta) * losses[i];
      pow *= beta;
      s[i] = avg / (1 - pow);
    }
    return s;
  }

  /**
   * The index at which the range test stops: the first point whose smoothed loss is not finite or
   * exceeds {@link #DIVERGENCE_FACTOR} times the best smoothed loss so far; {@link #size()} when
   * the loss never diverged.
   */
  public int stopIndex() {
    double[] s = smoothed();
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < s.length; i++) {
      if (!Double.isFinite(s[i])) {
        return i;
      }
      best = Math.min(best, s[i]);
      if (s[i] > DIVERGENCE_FACTOR * best) {
        return i;
      }
    }
    return s.length;
  }

  /**
   * The learning rate where the smoothed loss falls fastest: the most negative
   * {@code d smooth / d ln(lr)} between neighbouring points (fastai's {@code steep}).
   */
  public double suggestSteepest() {
    int[] r = range();
    double[] s = smoothed();
    int best = r[0];
    double bestGrad = Double.POSITIVE_INFINITY;
    for (int i = r[0]; i + 1 < r[1]; i++) {
      double g = (s[i + 1] - s[i]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i]));
      if (g < bestGrad) {
        bestGrad = g;
        best = i;
      }
    }
    return lrs[best];
  }

  /**
   * One tenth of the learning rate at the smallest smoothed loss (fastai's {@code minimum}): the
   * minimum itself is already too high to train at.
   */
  public double suggestMinimumDiv10() {
    int[] r = range();
    double[] s = smoothed();
    int best = r[0];
    for (int i = r[0] + 1; i < r[1]; i++) {
      if (s[i] < s[best]) {
        best = i;
      }
    }
    return lrs[best] / 10;
  }

  /**
   * A point inside the longest falling stretch of the smoothed curve (fastai's {@code valley}, its
   * default): the longest decreasing subsequence is found, and the point half-way through its
   * middle third (at {@code start + len/3 + len/6}) is suggested.
   */
  public double suggestValley() {
    int[] r = range();
    double[] s = Arrays.copyOfRange(smoothed(), r[0], r[1]);
    int n = s.length;
    int[] lds = new int[n];
    Arrays.fill(lds, 1);
    int maxStart = 0;
    int maxEnd = 0;
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (s[i] < s[j] && lds[i] < lds[j] + 1) {
          lds[i] = lds[j] + 1;
        }
        if (lds[maxEnd] < lds[i]) {
          maxEnd = i;
          maxStart = maxEnd - lds[maxEnd];
        }
      }
    }
    double sections = (maxEnd - maxStart) / 3.0;
    int idx = maxStart + (int) sections + (int) (sections / 2);
    return lrs[r[0] + Math.max(0, Math.min(n - 1, idx))];
  }

  /** {from, to}: skip the first tenth and the last five recorded points, never past the stop. */
  private int[] range() {
    int n = size();
    int stop = stopIndex();
    if (stop < 2) {
      throw new IllegalStateException(
          "LrFinderResult: the loss diverged at point " + stop + " (lr " + lrs[stop]
              + "), before any learning rate could be judged; start the ramp lower");
    }
    int from = n / 10;
    int to = Math.min(n, stop + 1) - 5;
    if (to - from < 2) {
      from = 0;
      to = stop;
    }
    return new int[] {from, to};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LrFinderResult r && Arrays.equals(lrs, r.lrs)
        && Arrays.equals(losses, r.losses);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lrs) + Arrays.hashCode(losses);
  }

  @Override
  public String toString() {
    return "LrFinderResult[" + size() + " points, lr " + lrs[0] + " .. " + lrs[size() - 1]
        + ", stopIndex " + stopIndex() + "]";
  }
}
