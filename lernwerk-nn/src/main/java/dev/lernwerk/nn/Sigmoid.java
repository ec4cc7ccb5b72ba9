package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** Sigmoid activation: 1 / (1 + e^-x). See {@link F#sigmoid}. */
public final class Sigmoid extends Module {
  /** Creates the activation. */
  public Sigmoid() {}

  @Override
  public Tensor forward(Tensor x) {
    return F.sigmoid(x);
  }
}
