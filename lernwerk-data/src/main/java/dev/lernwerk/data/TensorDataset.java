package dev.lernwerk.data;

import dev.lernwerk.tensor.DType;
import dev.lernwerk.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Samples that are the rows (dim 0) of an input tensor and a target tensor, optionally with a
 * per-sample weight (DA-01, DA-32).
 *
 * <p>{@link #get} returns views into the tensors (nothing is copied). The {@link DataLoader} batches a
 * TensorDataset (and {@link Subset}s of one) by copying whole rows out of the contiguous arrays, one
 * {@code arraycopy} per sample, without creating per-sample objects.
 *
 * <pre>{@code
 * var train = new TensorDataset(images, labels);   // images (60000, 28, 28) float, labels (60000) int32
 * Example ex = train.get(0);                       // input (28, 28), target 0-d int32
 * }</pre>
 */
public final class TensorDataset implements Dataset<Example>, Gatherable {
  private final Tensor inputs;
  private final Tensor targets;
  private final Tensor weights;
  private final float[] weightArray;
  private final int n;

  /** Inputs (N, ...) and targets (N, ...), every weight 1. */
  public TensorDataset(Tensor inputs, Tensor targets) {
    this(inputs, targets, null);
  }

  /**
   * Inputs (N, ...), targets (N, ...) and per-sample weights (N) float32 (null: all 1). Non-contiguous
   * tensors are copied once into contiguous ones; tensors that require grad are detached.
   */
  public TensorDataset(Tensor inputs, Tensor targets, Tensor weights) {
    Objects.requireNonNull(inputs, "TensorDataset: inputs is null");
    Objects.requireNonNull(targets, "TensorDataset: targets is null");
    if (inputs.dim() == 0) {
      throw new IllegalArgumentException(
          "TensorDataset: inputs must have at least 1 dim (samples along dim 0), got a scalar");
    }
    n = inputs.size(0);
    if (targets.dim() == 0 || targets.size(0) != n) {
      throw new IllegalArgumentException(
          "TensorDataset: inputs have " + n + " samples (shape " + Arrays.toString(inputs.shape())
              + ") but targets have shape " + Arrays.toString(targets.shape())
              + " (dim 0 must match)");
    }
    this.inputs = inputs.detach().contiguous();
    this.targets = targets.detach().contiguous();
    if (weights != null) {
      if (weights.dtype() != DType.FLOAT32 || weights.dim() != 1 || weights.size(0) != n) {
        throw new IllegalArgumentException(
            "TensorDataset: weights must be float32 of shape [" + n + "], got "
                + weights.dtype().label() + " " + Arrays.toString(weights.shape()));
      }
      weightArray = weights.toFloatArray();
      for (int i = 0; i < n; i++) {
        if (!(weightArray[i] >= 0) || Float.isInfinite(weightArray[i])) {
          throw new IllegalArgumentException(
              "TensorDataset: weight " + weightArray[i] + " of sample " + i
                  + " is invalid (expected finite and >= 0)");
        }
      }
      this.weights = Tensor.wrap(weightArray, n);
    } else {
      this.weights = null;
      weightArray = null;
    }
  }

  /** The same inputs and targets with per-sample weights (N) float32. */
  public TensorDataset withWeights(Tensor w) {
    return new TensorDataset(inputs, targets, w);
  }

  @Override
  public int size() {
    return n;
  }

  @Override
  public Example get(int index) {
    Dataset.checkIndex("TensorDataset", index, n);
    float w = weightArray == null ? 1f : weightArray[index];
    return new Example(inputs.select(0, index), targets.select(0, index), w);
  }

  @Override
  public Batch gather(int[] idx, int from, int to) {
    for (int j = from; j < to; j++) {
      Dataset.checkIndex("TensorDataset", idx[j], n);
    }
    return new Batch(
        Rows.gather(inputs, idx, from, to),
        Rows.gather(targets, idx, from, to),
        Rows.gatherWeights(weightArray, idx, from, to),
        to - from);
  }

  /** All inputs (N, ...), contiguous. */
  public Tensor inputs() {
    return inputs;
  }

  /** All targets (N, ...), contiguous. */
  public Tensor targets() {
    return targets;
  }

  /** The per-sample weights (N), or null when all are 1. */
  public Tensor weights() {
    return weights;
  }

  /**
   * The targets as class labels (a copy).
   *
   * @throws IllegalStateException if the targets are not a 1-d int32 tensor
   */
  public int[] labels() {
    if (targets.dtype() != DType.INT32 || targets.dim() != 1) {
      throw new IllegalStateException(
          "TensorDataset.labels: the targets are " + targets.dtype().label() + " "
              + Arrays.toString(targets.shape()) + ", expected class labels: int32 of shape [N]");
    }
    return targets.toIntArray().clone();
  }

  @Override
  public String toString() {
    return "TensorDataset(size=" + n + ", inputs=" + Arrays.toString(inputs.shape()) + " "
        + inputs.dtype().label() + ", targets=" + Arrays.toString(targets.shape()) + " "
        + targets.dtype().label() + (weights == null ? "" : ", weighted") + ")";
  }
}
