package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * Margin ranking loss (LO-10): {@code max(0, -y·(x1 - x2) + margin)}; y = 1 means x1 should rank
 * higher than x2, y = -1 the opposite.
 */
public final class MarginRankingLoss {
  private final double margin;
  private final Reduction reduction;

  /** margin 0, MEAN. */
  public MarginRankingLoss() {
    this(0, Reduction.MEAN);
  }

  /** The given margin and reduction. */
  public MarginRankingLoss(double margin, Reduction reduction) {
    this.margin = margin;
    this.reduction = Checks.reduction("MarginRankingLoss", reduction);
  }

  /** The loss of scores {@code x1}, {@code x2} (equal shapes) with labels {@code y} ∈ {1, -1}. */
  public Tensor apply(Tensor x1, Tensor x2, Tensor y) {
    return F.marginRankingLoss(x1, x2, y, margin, reduction);
  }
}
