package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** Mean absolute error {@code reduce(|x - t|)} (LO-02). Input and target must have the same shape. */
public final class L1Loss implements Loss {
  private final Reduction reduction;

  /** With {@link Reduction#MEAN}. */
  public L1Loss() {
    this(Reduction.MEAN);
  }

  /** With the given reduction. */
  public L1Loss(Reduction reduction) {
    this.reduction = Checks.reduction("L1Loss", reduction);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    return F.l1Loss(input, target, reduction);
  }
}
