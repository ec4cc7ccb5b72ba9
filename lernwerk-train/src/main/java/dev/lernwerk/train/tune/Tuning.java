package dev.lernwerk.train.tune;

/** Rules of thumb for hyperparameters. */
public final class Tuning {
  private Tuning() {}

  /** How the learning rate follows the batch size. */
  public enum Scaling {
    /**
     * {@code lr = baseLr * newBatch / baseBatch} (Goyal et al. 2017, "Accurate, Large Minibatch
     * SGD"): keeps the expected update per sample the same; pair it with a warm-up for large batches.
     */
    LINEAR,
    /**
     * {@code lr = baseLr * sqrt(newBatch / baseBatch)} (Krizhevsky 2014; Hoffer et al. 2017): keeps
     * the variance of the update the same; the gentler rule, common with Adam.
     */
    SQRT
  }

  /**
   * The learning rate for {@code newBatch} given one that worked for {@code baseBatch}.
   *
   * <pre>{@code
   * Tuning.batchSizeRule(0.1, 256, 1024, Tuning.Scaling.LINEAR);   // 0.4
   * Tuning.batchSizeRule(1e-3, 32, 128, Tuning.Scaling.SQRT);      // 0.002
   * }</pre>
   */
  public static double batchSizeRule(double baseLr, int baseBatch, int newBatch, Scaling scaling) {
    if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
      throw new IllegalArgumentException("batchSizeRule: invalid learning rate: " + baseLr);
    }
    if (baseBatch < 1 || newBatch < 1) {
      throw new IllegalArgumentException(
          "batchSizeRule: batch sizes must be positive, got baseBatch=" + baseBatch
              + ", newBatch=" + newBatch);
    }
    if (scaling == null) {
      throw new IllegalArgumentException("batchSizeRule: scaling must be LINEAR or SQRT, got null");
    }
    double ratio = (double) newBatch / baseBatch;
    return switch (scaling) {
      case LINEAR -> baseLr * ratio;
      case SQRT -> baseLr * Math.sqrt(ratio);
    };
  }
}
