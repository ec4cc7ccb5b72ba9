package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** SELU activation: scale·ELU(x, α) with the self-normalizing constants. See {@link F#selu}. */
public final class SELU extends Module {
  /** Creates the activation. */
  public SELU() {}

  @Override
  public Tensor forward(Tensor x) {
    return F.selu(x);
  }
}
