package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** ReLU6 activation: min(max(x, 0), 6). See {@link F#relu6}. */
public final class ReLU6 extends Module {
  /** Creates the activation. */
  public ReLU6() {}

  @Override
  public Tensor forward(Tensor x) {
    return F.relu6(x);
  }
}
