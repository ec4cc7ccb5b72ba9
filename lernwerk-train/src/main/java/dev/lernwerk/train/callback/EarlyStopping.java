package dev.lernwerk.train.callback;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.TrainContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stops training when a monitored log value has not improved for {@code patience} epochs, and
 * optionally restores the weights of the best epoch (RG-06).
 *
 * <p>Improvement means {@code value < best - minDelta} for mode MIN ({@code val_loss}) or {@code value
 * > best + minDelta} for MAX ({@code val_accuracy}). Keys ending in loss/error default to MIN.
 */
public final class EarlyStopping implements Callback {
  /** Direction of improvement. */
  public enum Mode {
    MIN,
    MAX
  }

  private final String monitor;
  private final int patience;
  private final double minDelta;
  private final Mode mode;
  private final boolean restoreBest;
  private double best;
  private int bestEpoch = -1;
  private int wait;
  private Map<String, Tensor> bestState;

  /** Monitors {@code monitor} with the given patience, restoring the best weights at the end. */
  public EarlyStopping(String monitor, int patience) {
    this(monitor, patience, 0.0, defaultMode(monitor), true);
  }

  /** Full settings. */
  public EarlyStopping(String monitor, int patience, double minDelta, Mode mode, boolean restoreBest) {
    if (patience < 0) {
      throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("EarlyStopping: minDelta must be >= 0, got " + minDelta);
    }
    this.monitor = monitor;
    this.patience = patience;
    this.minDelta = minDelta;
    this.mode = mode;
    this.restoreBest = restoreBest;
  }

  static Mode defaultMode(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return k.endsWith("loss") || k.endsWith("error") || k.endsWith("mse") || k.endsWith("mae")
            || k.endsWith("rmse")
        ? Mode.MIN
        : Mode.MAX;
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public void onFitStart(TrainContext c) {
    best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    bestEpoch = -1;
    wait = 0;
    bestState = null;
  }

  @Override
  public void onEpochEnd(TrainContext c) {
    Double v = c.logs().get(monitor);
    if (v == null) {
      throw new IllegalStateException(
          "EarlyStopping: the monitored value '" + monitor + "' is not in the logs " + c.logs().keySet()
              + " (pass validation data for val_ keys)");
    }
    boolean improved = mode == Mode.MIN ? v < best - minDelta : v > best + minDelta;
    if (improved) {
      best = v;
      bestEpoch = c.epoch();
      wait = 0;
      if (restoreBest) {
        bestState = snapshot(c);
      }
    } else if (++wait > patience) {
      c.stopTraining(String.format(java.util.Locale.ROOT,
          "early stopping: %s did not improve for %d epochs (best %.6g at epoch %d)", monitor, wait,
          best, bestEpoch + 1));
    }
  }

  private static Map<String, Tensor> snapshot(TrainContext c) {
    Map<String, Tensor> copy = new LinkedHashMap<>();
    try (var g = Grad.disabled()) {
      for (var e : c.model().stateDict().entrySet()) {
        copy.put(e.getKey(), e.getValue().detach().clone());
      }
    }
    return copy;
  }

  @Override
  public void onFitEnd(TrainContext c) {
    if (restoreBest && bestState != null) {
      c.model().loadStateDict(bestState, true);
    }
  }

  /** Best monitored value so far. */
  public double best() {
    return best;
  }

  /** Epoch (0-based) of the best value, or -1. */
  public int bestEpoch() {
    return bestEpoch;
  }
}
