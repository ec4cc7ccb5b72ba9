package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * GELU: x·Φ(x), exact (with erf) or with the tanh approximation used by GPT-2 and BERT. See {@link
 * F#gelu(Tensor, boolean)}.
 */
public final class GELU extends Module {
  private final boolean tanhApprox;

  /** The exact GELU. */
  public GELU() {
    this(false);
  }

  /** Exact ({@code false}) or tanh approximation ({@code true}). */
  public GELU(boolean tanhApprox) {
    this.tanhApprox = tanhApprox;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.gelu(x, tanhApprox);
  }

  @Override
  protected String extraRepr() {
    return tanhApprox ? "approximate=tanh" : "";
  }
}
