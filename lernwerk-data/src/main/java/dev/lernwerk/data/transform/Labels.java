package dev.lernwerk.data.transform;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;

/**
 * Label encodings (DA-17).
 *
 * <pre>{@code
 * Tensor y = Labels.oneHot(Tensor.ofInts(new int[] {2, 0}), 3);   // [[0, 0, 1], [1, 0, 0]]
 * }</pre>
 */
public final class Labels {
  private Labels() {}

  /**
   * One-hot rows: {@code out[..., k] = 1} where {@code labels[...] == k}, else 0. Labels (...)
   * int32 → (..., numClasses) float32.
   */
  public static Tensor oneHot(Tensor labels, int numClasses) {
    if (labels.dtype() != DType.INT32) {
      throw new IllegalArgumentException(
          "oneHot: expected int32 class labels, got " + labels.dtype().label() + " of shape "
              + Arrays.toString(labels.shape()) + " (convert with toInt())");
    }
    return labels.oneHot(numClasses);
  }

  /** The class of each one-hot (or score) row: argmax over the last dim, (..., C) → (...) int32. */
  public static Tensor fromOneHot(Tensor oneHot) {
    return oneHot.argmax(-1, false);
  }
}
