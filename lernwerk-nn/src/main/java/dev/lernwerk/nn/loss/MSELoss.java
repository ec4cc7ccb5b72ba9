package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/** Mean squared error {@code reduce((x - t)²)} (LO-01). Input and target must have the same shape. */
public final class MSELoss implements Loss {
  private final Reduction reduction;

  /** With {@link Reduction#MEAN}. */
  public MSELoss() {
    this(Reduction.MEAN);
  }

  /** With the given reduction. */
  public MSELoss(Reduction reduction) {
    this.reduction = Checks.reduction("MSELoss", reduction);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    return F.mseLoss(input, target, reduction);
  }
}
