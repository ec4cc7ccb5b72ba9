package dev.lernwerk.train.callback;

import dev.lernwerk.optim.schedule.ReduceOnPlateau;
import dev.lernwerk.train.TrainContext;

/** Applies {@link ReduceOnPlateau} to a monitored log value at the end of every epoch (LR-09). */
public final class ReduceLrOnPlateau implements Callback {
  private final String monitor;
  private final ReduceOnPlateau logic;

  /** Monitors {@code monitor} (e.g. {@code val_loss}) with the given plateau logic. */
  public ReduceLrOnPlateau(String monitor, ReduceOnPlateau logic) {
    this.monitor = monitor;
    this.logic = logic;
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
}
