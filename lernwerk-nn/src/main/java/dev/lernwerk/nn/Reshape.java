package dev.lernwerk.nn;

import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;

/**
 * Reshapes every sample, keeping the batch dim: (N, …) → (N, shape…). One entry may be -1.
 *
 * <pre>{@code
 * new Reshape(1, 28, 28)   // (N, 784) -> (N, 1, 28, 28)
 * }</pre>
 */
public final class Reshape extends Module {
  private final int[] shape;

  /** The per-sample target shape (without the batch dim). */
  public Reshape(int... shape) {
    int unknown = 0;
    for (int d : shape) {
      if (d == -1) {
        unknown++;
      } else if (d < 0) {
        throw new IllegalArgumentException(
            "Reshape: sizes must be >= 0 or -1, got " + Shape.str(shape));
      }
    }
    if (unknown > 1) {
      throw new IllegalArgumentException(
          "Reshape: at most one size may be -1, got " + Shape.str(shape));
    }
    this.shape = shape.clone();
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.dim() == 0) {
      throw new IllegalArgumentException("Reshape: expected a batch of samples, got a scalar");
    }
    int[] target = new int[shape.length + 1];
    target[0] = x.size(0);
    System.arraycopy(shape, 0, target, 1, shape.length);
    return x.reshape(target);
  }

  @Override
  protected String extraRepr() {
    return "shape=" + Shape.str(shape);
  }
}
