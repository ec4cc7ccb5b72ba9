package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * Negative log-likelihood of log-probabilities (LO-07): {@code -w[y_i]·input[i, y_i]}; put a {@link
 * dev.lernwerk.nn.LogSoftmax} before it (together they equal {@link CrossEntropyLoss}).
 */
public final class NLLLoss implements Loss {
  private final Tensor weight;
  private final int ignoreIndex;
  private final Reduction reduction;

  /** No weights, ignore index -100, MEAN. */
  public NLLLoss() {
    this(null, F.IGNORE_INDEX, Reduction.MEAN);
  }

  /** Class weights (C, or null), ignored label and reduction. */
  public NLLLoss(Tensor weight, int ignoreIndex, Reduction reduction) {
    this.weight = weight;
    this.ignoreIndex = ignoreIndex;
    this.reduction = Checks.reduction("NLLLoss", reduction);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    return F.nllLoss(input, target, weight, ignoreIndex, reduction);
  }
}
