package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Generator;
import dev.lernwerk.tensor.Tensor;

/**
 * Randomized leaky ReLU: in training, each negative element is multiplied by a slope drawn from
 * U(lower, upper); in evaluation by (lower + upper) / 2. PyTorch defaults: lower 1/8, upper 1/3.
 */
public final class RReLU extends Module {
  private final double lower;
  private final double upper;
  private final Generator gen;

  /** lower 1/8, upper 1/3, slopes from the global generator (prefer the seeded constructor). */
  public RReLU() {
    this(1.0 / 8, 1.0 / 3, Generator.global());
  }

  /** Slopes in [lower, upper) drawn from {@code gen}. */
  public RReLU(double lower, double upper, Generator gen) {
    if (!(lower >= 0 && lower <= upper)) {
      throw new IllegalArgumentException(
          "RReLU: expected 0 <= lower <= upper, got lower=" + lower + ", upper=" + upper);
    }
    if (gen == null) {
      throw new IllegalArgumentException("RReLU: generator must not be null");
    }
    this.lower = lower;
    this.upper = upper;
    this.gen = generator("rng", gen);
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.rrelu(x, lower, upper, isTraining(), gen);
  }

  @Override
  protected String extraRepr() {
    return "lower=" + lower + ", upper=" + upper;
  }
}
