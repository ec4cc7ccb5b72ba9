package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * Cosine embedding loss for pairs (LO-09): {@code 1 - cos(x1, x2)} when y = 1 (similar), {@code
 * max(0, cos(x1, x2) - margin)} when y = -1. Inputs (N, D) or (D), labels (N) or ().
 */
public final class CosineEmbeddingLoss {
  private final double margin;
  private final Reduction reduction;

  /** margin 0, MEAN. */
  public CosineEmbeddingLoss() {
    this(0, Reduction.MEAN);
  }

  /** The given margin (PyTorch suggests 0 to 0.5) and reduction. */
  public CosineEmbeddingLoss(double margin, Reduction reduction) {
    this.margin = margin;
    this.reduction = Checks.reduction("CosineEmbeddingLoss", reduction);
  }

  /** The loss of pairs {@code (x1, x2)} with labels {@code y} ∈ {1, -1}. */
  public Tensor apply(Tensor x1, Tensor x2, Tensor y) {
    return F.cosineEmbeddingLoss(x1, x2, y, margin, reduction);
  }
}
