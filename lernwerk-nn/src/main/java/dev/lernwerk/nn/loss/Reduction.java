package dev.lernwerk.nn.loss;

/** How a loss combines its per-element values. */
public enum Reduction {
  /** The mean over elements (weighted mean for class-weighted cross-entropy and NLL). */
  MEAN,
  /** The sum over elements. */
  SUM,
  /** No reduction: one value per element (or per sample for cross-entropy). */
  NONE,
  /**
   * The sum divided by the batch size (dim 0); only {@link KLDivLoss} accepts it, and it is the
   * mathematically correct KL divergence per sample.
   */
  BATCHMEAN
}
