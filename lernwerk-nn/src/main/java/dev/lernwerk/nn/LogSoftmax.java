package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** Log-softmax along a dim: x_i - log Σ_j exp(x_j), computed stably (not log of softmax). */
public final class LogSoftmax extends Module {
  private final int dim;

  /** Normalizes along {@code dim} (usually 1 or -1, the class dim). */
  public LogSoftmax(int dim) {
    this.dim = dim;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.logSoftmax(x, dim);
  }

  @Override
  protected String extraRepr() {
    return "dim=" + dim;
  }
}
