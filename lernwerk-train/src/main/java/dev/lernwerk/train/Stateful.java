package dev.lernwerk.train;

import dev.lernwerk.tensor.Tensor;
import java.util.Map;

/**
 * Something whose state a checkpoint saves and a resume restores besides the model and optimizer:
 * a data loader's position and generator, the generators of dropout layers, a schedule's counter.
 */
public interface Stateful {
  /** The state as named tensors (names without dots are simplest). */
  Map<String, Tensor> state();

  /** Restores a state produced by {@link #state()}. */
  void restore(Map<String, Tensor> state);
}
