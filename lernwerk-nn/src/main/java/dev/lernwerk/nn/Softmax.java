package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** Softmax along a dim: exp(x_i) / Σ_j exp(x_j), computed stably. */
public final class Softmax extends Module {
  private final int dim;

  /** Normalizes along {@code dim} (usually 1 or -1, the class dim). */
  public Softmax(int dim) {
    this.dim = dim;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.softmax(x, dim);
  }

  @Override
  protected String extraRepr() {
    return "dim=" + dim;
  }
}
