package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** Tanh activation. See {@link F#tanh}. */
public final class Tanh extends Module {
  /** Creates the activation. */
  public Tanh() {}

  @Override
  public Tensor forward(Tensor x) {
    return F.tanh(x);
  }
}
