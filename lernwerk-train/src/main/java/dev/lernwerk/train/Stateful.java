package dev.lernwerk.train;

import dev.lernwerk.data.DataLoader;
import dev.lernwerk.data.LoaderState;
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

  /** A data loader's epoch, position and generator ({@link DataLoader#state()}). */
  static Stateful of(DataLoader<?> loader) {
    return new Stateful() {
      @Override
      public Map<String, Tensor> state() {
        return Map.of("state", loader.state().toTensor());
      }

      @Override
      public void restore(Map<String, Tensor> state) {
        Tensor t = state.get("state");
        if (t == null) {
          throw new IllegalArgumentException(
              "Stateful.of(DataLoader).restore: no 'state' entry, got keys " + state.keySet());
        }
        loader.restore(LoaderState.fromTensor(t));
      }
    };
  }
}
