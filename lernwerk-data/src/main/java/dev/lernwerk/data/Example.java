package dev.lernwerk.data;

import dev.lernwerk.tensor.Tensor;
import java.util.Objects;

/**
 * One sample: an input tensor, its target and a per-sample weight (DA-32).
 *
 * <p>The target is an int32 scalar for a class label, or a float tensor for regression and
 * multi-target data. The weight multiplies this sample's loss; it is 1 unless the data set says
 * otherwise, and the {@link DataLoader} collates weights into {@link Batch#weights()} only when some
 * of them differ from 1.
 *
 * <pre>{@code
 * var ex = new Example(Tensor.zeros(28, 28), Tensor.ofInts(new int[] {3}, new int[0]));
 * }</pre>
 *
 * @param input the features, e.g. (28, 28) for an image
 * @param target the label (int32, 0-d) or the regression target (float32)
 * @param weight the sample's weight, finite and &gt;= 0
 */
public record Example(Tensor input, Tensor target, float weight) {
  /** Validates the fields. */
  public Example {
    Objects.requireNonNull(input, "Example: input is null");
    Objects.requireNonNull(target, "Example: target is null");
    if (!(weight >= 0) || Float.isInfinite(weight)) {
      throw new IllegalArgumentException(
          "Example: weight must be finite and >= 0, got " + weight);
    }
  }

  /** An example of weight 1. */
  public Example(Tensor input, Tensor target) {
    this(input, target, 1f);
  }

  /** The same input and target with another weight. */
  public Example withWeight(float w) {
    return new Example(input, target, w);
  }

  /** The target as a class label (the target must hold exactly one value). */
  public int label() {
    return (int) target.item();
  }
}
