package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** Softplus (1/β)·log(1 + e^(βx)), linear above the threshold (defaults β = 1, 20). */
public final class Softplus extends Module {
  private final double beta;
  private final double threshold;

  /** β = 1, threshold 20. */
  public Softplus() {
    this(1, 20);
  }

  /** The given β and threshold. */
  public Softplus(double beta, double threshold) {
    if (!(beta > 0)) {
      throw new IllegalArgumentException("Softplus: beta must be > 0, got " + beta);
    }
    this.beta = beta;
    this.threshold = threshold;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.softplus(x, beta, threshold);
  }

  @Override
  protected String extraRepr() {
    return "beta=" + beta + ", threshold=" + threshold;
  }
}
