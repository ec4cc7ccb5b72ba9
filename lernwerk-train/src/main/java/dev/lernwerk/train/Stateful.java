package dev.lernwerk.train;

import dev.lernwerk.data.DataLoader;
import dev.lernwerk.data.LoaderState;
import dev.lernwerk.tensor.Tensor;
import java.util.Map;

/**
 * Something whose state a checkpoint saves and a resume restores besides the model and optimizer:
 * a data loader's epoch, position and generator, a callback's counters. {@link
 * dev.lernwerk.train.callback.Checkpoint} saves what it is told to {@code track} and every callback of
 * the trainer that implements this interface (the model's own generators are saved anyway).
 *
 * <pre>{@code
 * var ckpt = new Checkpoint(dir, "val_loss").track("loader", Stateful.of(trainLoader));
 * }</pre>
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
