package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * Binary cross-entropy on probabilities (LO-04): {@code -w·(t·log x + (1-t)·log(1-x))} with each
 * log clamped at -100 like PyTorch, so x = 0 or 1 gives a finite loss and gradient. Put a sigmoid
 * before it, or better use {@link BCEWithLogitsLoss} on raw scores.
 */
public final class BCELoss implements Loss {
  private final Tensor weight;
  private final Reduction reduction;

  /** No weight, MEAN. */
  public BCELoss() {
    this(null, Reduction.MEAN);
  }

  /** Per-element rescaling {@code weight} (broadcast to the input; may be null) and reduction. */
  public BCELoss(Tensor weight, Reduction reduction) {
    this.weight = weight;
    this.reduction = Checks.reduction("BCELoss", reduction);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    return F.binaryCrossEntropy(input, target, weight, reduction);
  }
}
