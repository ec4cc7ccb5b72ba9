package dev.lernwerk.data;

import dev.lernwerk.tensor.Tensor;
import java.util.Objects;

/**
 * A collated mini-batch: inputs stacked along a new dim 0, the targets likewise, and the per-sample
 * weights when some differ from 1.
 *
 * <pre>{@code
 * for (Batch b : loader) {
 *   Tensor logits = model.forward(b.inputs());   // inputs: (B, 28, 28)
 *   Tensor loss = crossEntropy(logits, b.targets()); // targets: (B) int32
 * }
 * }</pre>
 *
 * @param inputs (B, ...) the stacked inputs
 * @param targets (B) int32 labels or (B, ...) float targets
 * @param weights (B) float32 per-sample weights, or null when every weight is 1
 * @param size B, the number of samples
 */
public record Batch(Tensor inputs, Tensor targets, Tensor weights, int size) {
  /** Validates that every tensor has {@code size} rows. */
  public Batch {
    Objects.requireNonNull(inputs, "Batch: inputs is null");
    Objects.requireNonNull(targets, "Batch: targets is null");
    if (size < 0) {
      throw new IllegalArgumentException("Batch: size must be >= 0, got " + size);
    }
    checkRows("inputs", inputs, size);
    checkRows("targets", targets, size);
    if (weights != null) {
      checkRows("weights", weights, size);
    }
  }

  /** A batch of {@code inputs.size(0)} samples without weights. */
  public Batch(Tensor inputs, Tensor targets) {
    this(inputs, targets, null, inputs.dim() == 0 ? 0 : inputs.size(0));
  }

  private static void checkRows(String what, Tensor t, int size) {
    if (t.dim() == 0 || t.size(0) != size) {
      throw new IllegalArgumentException(
          "Batch: " + what + " must have " + size + " rows (dim 0), got shape "
              + java.util.Arrays.toString(t.shape()));
    }
  }

  /** Short description with the shapes, e.g. {@code Batch(size=256, inputs=[256, 784] float32, …)}. */
  @Override
  public String toString() {
    return "Batch(size=" + size + ", inputs=" + java.util.Arrays.toString(inputs.shape()) + " "
        + inputs.dtype().label() + ", targets=" + java.util.Arrays.toString(targets.shape()) + " "
        + targets.dtype().label() + (weights == null ? "" : ", weighted") + ")";
  }
}
