package dev.lernwerk.nn.loss;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Tensor;

/**
 * Cross-entropy of logits against class indices or class probabilities (LO-06), fused with
 * log-softmax: stable for logits of any magnitude, with PyTorch's semantics for class weights, label
 * smoothing and the ignored label. See {@link F#crossEntropy(Tensor, Tensor, Tensor, int,
 * Reduction, double)} for the formulas and shapes.
 *
 * <pre>{@code
 * Loss loss = new CrossEntropyLoss();                        // (N, C) logits, (N) int32 labels
 * Loss smooth = new CrossEntropyLoss().withLabelSmoothing(0.1);
 * Loss weighted = new CrossEntropyLoss().withWeight(Tensor.of(new float[] {1f, 5f}));
 * }</pre>
 */
public final class CrossEntropyLoss implements Loss {
  private final Tensor weight;
  private final int ignoreIndex;
  private final Reduction reduction;
  private final double labelSmoothing;

  /** No weights, ignore index -100, MEAN, no smoothing (PyTorch defaults). */
  public CrossEntropyLoss() {
    this(null, F.IGNORE_INDEX, Reduction.MEAN, 0);
  }

  /** Defaults with the given reduction. */
  public CrossEntropyLoss(Reduction reduction) {
    this(null, F.IGNORE_INDEX, reduction, 0);
  }

  /**
   * All settings, in PyTorch's order.
   *
   * @param weight class weights (C) or null
   * @param ignoreIndex label that contributes neither loss nor gradient
   * @param reduction MEAN (weighted mean), SUM or NONE
   * @param labelSmoothing ε in [0, 1]
   */
  public CrossEntropyLoss(Tensor weight, int ignoreIndex, Reduction reduction,
      double labelSmoothing) {
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      throw new IllegalArgumentException(
          "CrossEntropyLoss: labelSmoothing must be in [0, 1], got " + labelSmoothing);
    }
    this.weight = weight;
    this.ignoreIndex = ignoreIndex;
    this.reduction = Checks.reduction("CrossEntropyLoss", reduction);
    this.labelSmoothing = labelSmoothing;
  }

  /** A copy with class weights (C). */
  public CrossEntropyLoss withWeight(Tensor weight) {
    return new CrossEntropyLoss(weight, ignoreIndex, reduction, labelSmoothing);
  }

  /** A copy with another ignored label. */
  public CrossEntropyLoss withIgnoreIndex(int ignoreIndex) {
    return new CrossEntropyLoss(weight, ignoreIndex, reduction, labelSmoothing);
  }

  /** A copy with another reduction. */
  public CrossEntropyLoss withReduction(Reduction reduction) {
    return new CrossEntropyLoss(weight, ignoreIndex, reduction, labelSmoothing);
  }

  /** A copy with label smoothing ε. */
  public CrossEntropyLoss withLabelSmoothing(double labelSmoothing) {
    return new CrossEntropyLoss(weight, ignoreIndex, reduction, labelSmoothing);
  }

  @Override
  public Tensor apply(Tensor input, Tensor target) {
    return F.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
  }
}
