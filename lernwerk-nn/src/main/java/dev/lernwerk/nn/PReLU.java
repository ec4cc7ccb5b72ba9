package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * Parametric ReLU: x for x &gt; 0, a·x otherwise, with learnable slopes a — one shared slope or one
 * per channel (dim 1 of the input) — initialized to 0.25, as PyTorch's {@code nn.PReLU}.
 */
public final class PReLU extends Module {
  private final Tensor weight;

  /** One shared slope starting at 0.25. */
  public PReLU() {
    this(1, 0.25);
  }

  /** {@code numParams} slopes (1 or the number of channels) starting at {@code init}. */
  public PReLU(int numParams, double init) {
    if (numParams <= 0) {
      throw new IllegalArgumentException("PReLU: numParams must be positive, got " + numParams);
    }
    this.weight = param("weight", Tensor.full((float) init, numParams));
  }

  /** The slopes (numParams). */
  public Tensor weight() {
    return weight;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.prelu(x, weight);
  }

  @Override
  protected String extraRepr() {
    return "numParams=" + weight.numel();
  }
}
