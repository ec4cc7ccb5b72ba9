package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** Hardtanh: clamp(x, min, max), default [-1, 1]. See {@link F#hardtanh}. */
public final class Hardtanh extends Module {
  private final double min;
  private final double max;

  /** Clamps to [-1, 1]. */
  public Hardtanh() {
    this(-1, 1);
  }

  /** Clamps to [min, max]. */
  public Hardtanh(double min, double max) {
    if (!(min < max)) {
      throw new IllegalArgumentException("Hardtanh: expected min < max, got min=" + min + ", max=" + max);
    }
    this.min = min;
    this.max = max;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.hardtanh(x, min, max);
  }

  @Override
  protected String extraRepr() {
    return "min=" + min + ", max=" + max;
  }
}
