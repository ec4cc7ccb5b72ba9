package dev.lernwerk.data.transform;

import dev.lernwerk.data.TensorDataset;
import dev.lernwerk.tensor.Tensor;
import java.util.Map;

/**
 * A fitted, per-feature affine rescaling of inputs: {@code y = x · scale + shift}, with the
 * statistics taken from the training split only (DA-15, DA-16).
 *
 * <p>Fit on the training data, then transform training, validation and test data with the same
 * object; the statistics are saved with {@link #state()} so a deployed model scales its inputs
 * exactly as in training.
 */
public interface Scaler {
  /** The scaled tensor; {@code x} is (N, features...) or a single (features...) sample. */
  Tensor transform(Tensor x);

  /** Undoes {@link #transform}. */
  Tensor inverse(Tensor x);

  /** The fitted statistics by name, for saving (e.g. next to the model's weights). */
  Map<String, Tensor> state();

  /** The same samples with scaled inputs (targets and weights unchanged). */
  default TensorDataset transform(TensorDataset ds) {
    return new TensorDataset(transform(ds.inputs()), ds.targets(), ds.weights());
  }
}
