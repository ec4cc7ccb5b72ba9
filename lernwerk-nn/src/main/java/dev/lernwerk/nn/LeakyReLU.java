package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** Leaky ReLU: x for x &gt; 0, slope·x otherwise (default slope 0.01). See {@link F#leakyRelu}. */
public final class LeakyReLU extends Module {
  private final double slope;

  /** Slope 0.01, as PyTorch. */
  public LeakyReLU() {
    this(0.01);
  }

  /** The given negative slope. */
  public LeakyReLU(double slope) {
    this.slope = slope;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.leakyRelu(x, slope);
  }

  @Override
  protected String extraRepr() {
    return "slope=" + slope;
  }
}
