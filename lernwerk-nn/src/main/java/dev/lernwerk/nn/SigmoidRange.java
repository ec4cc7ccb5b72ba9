package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * σ(x)·(hi - lo) + lo: squashes outputs into (lo, hi), e.g. {@code new SigmoidRange(0, 5.5)} for
 * movie ratings (fastai's {@code sigmoid_range}).
 */
public final class SigmoidRange extends Module {
  private final double lo;
  private final double hi;

  /** Output range (lo, hi). */
  public SigmoidRange(double lo, double hi) {
    if (!(lo < hi)) {
      throw new IllegalArgumentException("SigmoidRange: expected lo < hi, got lo=" + lo + ", hi=" + hi);
    }
    this.lo = lo;
    this.hi = hi;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.sigmoidRange(x, lo, hi);
  }

  @Override
  protected String extraRepr() {
    return "lo=" + lo + ", hi=" + hi;
  }
}
