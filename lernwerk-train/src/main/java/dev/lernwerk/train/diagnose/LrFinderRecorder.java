package dev.lernwerk.train.diagnose;

import java.util.Arrays;

/**
 * Records a learning-rate range test as it runs and says when to stop: after each batch call
 * {@link #record(double, double)} with the batch's learning rate and loss; it returns true once the
 * smoothed loss is not finite or exceeds {@link LrFinderResult#DIVERGENCE_FACTOR} times its best
 * (the same rule as {@link LrFinderResult#stopIndex()}). A training callback drives it.
 *
 * <pre>{@code
 * var rec = new LrFinderRecorder();
 * for (double lr : LrFinderResult.exponentialRamp(1e-7, 10, 100)) {
 *   double loss = trainOneBatch(lr);
 *   if (rec.record(lr, loss)) break;
 * }
 * double suggestion = rec.result().suggestSteepest();
 * }</pre>
 */
public final class LrFinderRecorder {
  private final double beta;
  private double[] lrs = new double[64];
  private double[] losses = new double[64];
  private int n;
  private double avg;
  private double pow = 1;
  private double best = Double.POSITIVE_INFINITY;

  /** A recorder smoothing with fastai's beta 0.98. */
  public LrFinderRecorder() {
    this(LrFinderResult.DEFAULT_BETA);
  }

  /**
   * A recorder smoothing with {@code beta} in [0, 1) for its stop rule ({@link #result()}'s
   * suggestions always smooth with the default beta).
   */
  public LrFinderRecorder(double beta) {
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException("LrFinderRecorder: beta must be in [0, 1), got " + beta);
    }
    this.beta = beta;
  }

  /** Adds one point; returns true when the run should stop because the loss diverged. */
  public boolean record(double lr, double loss) {
    if (n == lrs.length) {
      lrs = Arrays.copyOf(lrs, 2 * n);
      losses = Arrays.copyOf(losses, 2 * n);
    }
    lrs[n] = lr;
    losses[n] = loss;
    n++;
    avg = beta * avg + (1 - beta) * loss;
    pow *= beta;
    double smooth = avg / (1 - pow);
    if (!Double.isFinite(smooth)) {
      return true;
    }
    best = Math.min(best, smooth);
    return smooth > LrFinderResult.DIVERGENCE_FACTOR * best;
  }

  /** Number of points recorded. */
  public int size() {
    return n;
  }

  /** The points recorded so far (at least 2 are needed). */
  public LrFinderResult result() {
    return new LrFinderResult(Arrays.copyOf(lrs, n), Arrays.copyOf(losses, n));
  }
}
