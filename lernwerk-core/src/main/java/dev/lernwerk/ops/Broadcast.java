package dev.lernwerk.ops;

import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/**
 * The one place that knows how broadcasting runs backward: a gradient computed for the broadcast
 * shape is summed over the dims that were broadcast, giving the input's shape.
 */
public final class Broadcast {
  private Broadcast() {}

  /** Sums {@code g} down to {@code shape} (the inverse of broadcasting {@code shape} to g's shape). */
  public static Tensor sumTo(Tensor g, int[] shape) {
    int[] gs = g.shape();
    if (Arrays.equals(gs, shape)) {
      return g;
    }
    int lead = gs.length - shape.length;
    if (lead < 0) {
      throw new IllegalArgumentException(
          "sumTo: cannot reduce shape " + Shape.str(gs) + " to the larger rank " + Shape.str(shape));
    }
    int count = 0;
    int[] dims = new int[gs.length];
    for (int d = 0; d < gs.length; d++) {
      if (d < lead || (shape[d - lead] == 1 && gs[d] != 1)) {
        dims[count++] = d;
      }
    }
    Tensor s = count == 0 ? g : g.sum(Arrays.copyOf(dims, count), true);
    return s.reshape(shape);
  }

  /** Strides that read {@code t} broadcast to {@code shape}. */
  static int[] stridesFor(String op, Tensor t, int[] shape) {
    return Shape.broadcastStrides(op, t.shape(), t.strides(), shape);
  }
}
