package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * Kullback–Leibler divergence KL(target ‖ input) (LO-08); the input holds log-probabilities, the
 * target probabilities (or log-probabilities with {@code logTarget}). Pointwise {@code t·(log t -
 * x)}. {@link Reduction#BATCHMEAN} (sum / batch size) gives the true KL per sample; MEAN averages
 * over every element, as PyTorch's default does.
 */
public final class KLDivLoss implements Loss {
  private final Reduction reduction;
  private final boolean logTarget;

  /** MEAN, probability targets (PyTorch defaults). */
  public KLDivLoss() {
    this(Reduction.MEAN, false);
  }

  /** The given reduction (including BATCHMEAN) and target kind. */
  public KLDivLoss(Reduction reduction, boolean logTarget) {
    if (reduction == null) {
      throw new IllegalArgumentException("KLDivLoss: reduction must not be null");
    }
    this.reduction = reduction;
    this.logTarget = logTarget;
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    return F.klDiv(input, target, reduction, logTarget);
  }
}
