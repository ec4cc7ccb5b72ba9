package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * Huber loss: {@code 0.5·d²} where {@code |d| ≤ δ}, {@code δ·(|d| - 0.5·δ)} elsewhere (LO-03);
 * equals δ·SmoothL1 with β = δ.
 */
public final class HuberLoss implements Loss {
  private final double delta;
  private final Reduction reduction;

  /** δ = 1, MEAN. */
  public HuberLoss() {
    this(1.0, Reduction.MEAN);
  }

  /** The given δ, MEAN. */
  public HuberLoss(double delta) {
    this(delta, Reduction.MEAN);
  }

  /** The given δ and reduction. */
  public HuberLoss(double delta, Reduction reduction) {
    if (!(delta > 0)) {
      throw new IllegalArgumentException("HuberLoss: delta must be > 0, got " + delta);
    }
    this.delta = delta;
    this.reduction = Checks.reduction("HuberLoss", reduction);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    return F.huberLoss(input, target, delta, reduction);
  }
}
