package dev.lernwerk.nn;

import dev.lernwerk.nn.functional.F;
import dev.lernwerk.tensor.Shape;
import dev.lernwerk.tensor.Tensor;

/**
 * Layer normalization over the last dims of each sample: {@code y = (x - mean) / sqrt(var +
 * eps)·weight + bias}, mean and (biased) variance over {@code normalizedShape}, as PyTorch's {@code
 * nn.LayerNorm}. Same in training and evaluation.
 *
 * <pre>{@code
 * var ln = new LayerNorm(512);     // (B, T, 512) -> (B, T, 512)
 * }</pre>
 */
public final class LayerNorm extends Module {
  private final int[] normalizedShape;
  private final double eps;
  private final Tensor weight;
  private final Tensor bias;

  /** eps 1e-5 with learnable weight (ones) and bias (zeros) shaped like {@code normalizedShape}. */
  public LayerNorm(int... normalizedShape) {
    this(normalizedShape, 1e-5, true);
  }

  /** Full control over eps and the affine part. */
  public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
    if (normalizedShape.length == 0) {
      throw new IllegalArgumentException("LayerNorm: normalizedShape must have at least one dim");
    }
    for (int d : normalizedShape) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            "LayerNorm: sizes must be positive, got " + Shape.str(normalizedShape));
      }
    }
    if (!(eps > 0)) {
      throw new IllegalArgumentException("LayerNorm: eps must be > 0, got " + eps);
    }
    this.normalizedShape = normalizedShape.clone();
    this.eps = eps;
    this.weight = elementwiseAffine ? param("weight", Tensor.ones(normalizedShape)) : null;
    this.bias = elementwiseAffine ? param("bias", Tensor.zeros(normalizedShape)) : null;
  }

  /** Scale, or null without affine. */
  public Tensor weight() {
    return weight;
  }

  /** Shift, or null without affine. */
  public Tensor bias() {
    return bias;
  }

  @Override
  public Tensor forward(Tensor x) {
    return F.layerNorm(x, normalizedShape, weight, bias, eps);
  }

  @Override
  protected String extraRepr() {
    return Shape.str(normalizedShape) + ", eps=" + eps + ", affine=" + (weight != null);
  }
}
