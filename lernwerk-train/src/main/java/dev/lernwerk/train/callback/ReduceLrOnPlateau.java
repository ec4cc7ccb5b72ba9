package dev.lernwerk.train.callback;

import dev.lernwerk.optim.schedule.ReduceOnPlateau;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.Stateful;
import dev.lernwerk.train.TrainContext;
import java.util.Map;
import java.util.Objects;

/**
 * Applies {@link ReduceOnPlateau} to a monitored log value at the end of every epoch (LR-09): after
 * more than {@code patience} epochs without improvement the optimizer's learning rate is multiplied
 * by {@code factor}. The new rate is used from the next epoch on (the epoch's {@code lr} log shows
 * the rate it trained with). Its memory is saved and restored by {@link Checkpoint}.
 *
 * <pre>{@code
 * var plateau = new ReduceLrOnPlateau("val_loss", 2, 0.1);   // mode MIN from the key
 * Trainer.builder(model, loss, opt).callbacks(plateau).build().fit(train, valid, 30);
 * }</pre>
 */
public final class ReduceLrOnPlateau implements Callback, Stateful {
  private final String monitor;
  private final ReduceOnPlateau logic;

  /** Monitors {@code monitor} (e.g. {@code val_loss}) with the given plateau logic. */
  public ReduceLrOnPlateau(String monitor, ReduceOnPlateau logic) {
    if (monitor == null || monitor.isBlank()) {
      throw new IllegalArgumentException(
          "ReduceLrOnPlateau: expected a log key to monitor, got '" + monitor + "'");
    }
    this.monitor = monitor;
    this.logic = Objects.requireNonNull(logic, "ReduceLrOnPlateau: logic");
  }

  /**
   * Monitors {@code monitor} with PyTorch's other defaults (threshold 1e-4 relative, no cooldown),
   * minimising or maximising as {@link EarlyStopping#defaultMode} infers from the key.
   */
  public ReduceLrOnPlateau(String monitor, int patience, double factor) {
    this(monitor, new ReduceOnPlateau(ReduceOnPlateau.Settings.defaults()
        .withMode(EarlyStopping.defaultMode(monitor) == EarlyStopping.Mode.MIN
            ? ReduceOnPlateau.Mode.MIN : ReduceOnPlateau.Mode.MAX)
        .withPatience(patience)
        .withFactor(factor)));
  }

  /** The plateau logic (its state: best value, bad epochs, reductions). */
  public ReduceOnPlateau logic() {
    return logic;
  }

  @Override
  public int order() {
    return 5;
  }

  @Override
  public void onEpochEnd(TrainContext c) {
    Double v = c.logs().get(monitor);
    if (v == null) {
      throw new IllegalStateException(
          "ReduceLrOnPlateau: the monitored value '" + monitor + "' is not in the logs "
              + c.logs().keySet());
    }
    double lr = c.optimizer().learningRate();
    double next = logic.update(v, lr);
    if (next != lr) {
      c.optimizer().setLearningRate(next);
    }
  }

  @Override
  public Map<String, Tensor> state() {
    return logic.stateDict();
  }

  @Override
  public void restore(Map<String, Tensor> state) {
    logic.loadStateDict(state);
  }
}
