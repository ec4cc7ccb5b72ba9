package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** SiLU (Swish) activation: x·σ(x). See {@link F#silu}. */
public final class SiLU extends Module {
  /** Creates the activation. */
  public SiLU() {}

  @Override
  public Tensor forward(Tensor x) {
    return F.silu(x);
  }
}
