package dev.lernwerk.nn;

import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/**
 * A skip connection: {@code forward(x) = f(x) + x}. The wrapped block must keep the shape.
 *
 * <pre>{@code
 * var block = new Residual(new Sequential(new Linear(64, 64, true, gen), new ReLU(),
 *                                         new Linear(64, 64, true, gen)));
 * }</pre>
 */
public final class Residual extends Module {
  private final Module f;

  /** Wraps {@code f} (registered as child {@code "f"}). */
  public Residual(Module f) {
    this.f = child("f", f);
  }

  /** The wrapped block. */
  public Module block() {
    return f;
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor y = f.call(x);
    if (!Arrays.equals(y.shape(), x.shape())) {
      throw new IllegalArgumentException("Residual: the wrapped " + f.getClass().getSimpleName()
          + " returned shape " + Shape.str(y.shape()) + " for input " + Shape.str(x.shape())
          + "; f(x) + x needs f to keep the shape");
    }
    return y.add(x);
  }
}
