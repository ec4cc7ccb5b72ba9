package dev.lernwerk.nn;

import dev.lernwerk.tensor.Tensor;

/** Returns its input unchanged; a placeholder, e.g. for a removed head. */
public final class Identity extends Module {
  /** The identity module. */
  public Identity() {}

  @Override
  public Tensor forward(Tensor x) {
    return x;
  }
}
