package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** Mish activation: x·tanh(softplus(x)). See {@link F#mish}. */
public final class Mish extends Module {
  /** Creates the activation. */
  public Mish() {}

  @Override
  public Tensor forward(Tensor x) {
    return F.mish(x);
  }
}
