package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * Smooth L1: {@code 0.5·d²/β} where {@code |d| < β}, {@code |d| - 0.5·β} elsewhere, d = x - t
 * (LO-03). Quadratic near zero, linear for outliers; β = 0 is the L1 loss.
 */
public final class SmoothL1Loss implements Loss {
  private final double beta;
  private final Reduction reduction;

  /** β = 1, MEAN (PyTorch defaults). */
  public SmoothL1Loss() {
    this(1.0, Reduction.MEAN);
  }

  /** The given β, MEAN. */
  public SmoothL1Loss(double beta) {
    this(beta, Reduction.MEAN);
  }

  /** The given β and reduction. */
  public SmoothL1Loss(double beta, Reduction reduction) {
    if (!(beta >= 0)) {
      throw new IllegalArgumentException("SmoothL1Loss: beta must be >= 0, got " + beta);
    }
    this.beta = beta;
    this.reduction = Checks.reduction("SmoothL1Loss", reduction);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    return F.smoothL1Loss(input, target, beta, reduction);
  }
}
