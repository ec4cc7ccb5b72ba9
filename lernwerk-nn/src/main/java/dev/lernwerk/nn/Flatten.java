package dev.lernwerk.nn;

import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;

/**
 * Flattens dims {@code startDim..endDim} (inclusive) into one; by default everything but the batch
 * dim: (N, C, H, W) → (N, C·H·W).
 */
public final class Flatten extends Module {
  private final int startDim;
  private final int endDim;

  /** Flattens dims 1..-1 (all but the batch dim). */
  public Flatten() {
    this(1, -1);
  }

  /** Flattens dims {@code startDim..endDim}; negative dims count from the end. */
  public Flatten(int startDim, int endDim) {
    this.startDim = startDim;
    this.endDim = endDim;
  }

  @Override
  public Tensor forward(Tensor x) {
    int r = x.dim();
    int s = Shape.dim("Flatten", startDim, r);
    int e = Shape.dim("Flatten", endDim, r);
    if (s > e) {
      throw new IllegalArgumentException("Flatten: startDim " + startDim + " comes after endDim "
          + endDim + " for input of shape " + Shape.str(x.shape()));
    }
    return x.flatten(s, e);
  }

  @Override
  protected String extraRepr() {
    return "startDim=" + startDim + ", endDim=" + endDim;
  }
}
