package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * Sigmoid + binary cross-entropy in one stable formula (LO-05): {@code max(x,0) - x·t + log(1 +
 * e^-|x|)}, finite for logits of any size. A {@code posWeight} p (one per class, broadcast over the
 * last dim) weights the positive term: {@code (1-t)·x + (1 + (p-1)·t)·softplus(-x)}; p &gt; 1
 * raises recall on rare positives (p = #negatives / #positives is a common choice).
 *
 * <pre>{@code
 * Loss loss = new BCEWithLogitsLoss(Tensor.of(new float[] {3f}));   // positives 3x as important
 * }</pre>
 */
public final class BCEWithLogitsLoss implements Loss {
  private final Tensor weight;
  private final Tensor posWeight;
  private final Reduction reduction;

  /** No weights, MEAN. */
  public BCEWithLogitsLoss() {
    this(null, null, Reduction.MEAN);
  }

  /** With a positive-class weight (may be null), MEAN. */
  public BCEWithLogitsLoss(Tensor posWeight) {
    this(null, posWeight, Reduction.MEAN);
  }

  /** Element weight and positive weight (either may be null) and reduction. */
  public BCEWithLogitsLoss(Tensor weight, Tensor posWeight, Reduction reduction) {
    this.weight = weight;
    this.posWeight = posWeight;
    this.reduction = Checks.reduction("BCEWithLogitsLoss", reduction);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    return F.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
  }
}
