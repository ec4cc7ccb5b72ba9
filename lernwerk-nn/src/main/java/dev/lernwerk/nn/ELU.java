package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** ELU: x for x &gt; 0, α·(e^x - 1) otherwise (default α = 1). See {@link F#elu}. */
public final class ELU extends Module {
  private final double alpha;

  /** α = 1. */
  public ELU() {
    this(1.0);
  }

  /** The given α. */
  public ELU(double alpha) {
    this.alpha = alpha;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.elu(x, alpha);
  }

  @Override
  protected String extraRepr() {
    return "alpha=" + alpha;
  }
}
