package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** ReLU activation: max(x, 0). See {@link F#relu}. */
public final class ReLU extends Module {
  /** Creates the activation. */
  public ReLU() {}

  @Override
  public Tensor forward(Tensor x) {
    return F.relu(x);
  }
}
