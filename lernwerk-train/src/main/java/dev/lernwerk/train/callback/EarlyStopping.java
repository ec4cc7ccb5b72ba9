package dev.lernwerk.train.callback;

import dev.lernwerk.autograd.Grad;
import dev.lernwerk.optim.StateDicts;
import dev.lernwerk.tensor.Tensor;
import dev.lernwerk.train.Stateful;
import dev.lernwerk.train.TrainContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Stops training when a monitored log value has not improved for {@code patience} epochs in a row,
 * and restores the weights of the best epoch at the end of the fit (RG-06).
 *
 * <p>Improvement means {@code value < best - minDelta} in mode MIN or {@code value > best + minDelta}
 * in mode MAX. The two-argument constructor infers the mode from the key: names ending in {@code
 * loss}, {@code error}, {@code error_rate}, {@code mse}, {@code rmse}, {@code mae} or {@code
 * perplexity} are minimised, everything else ({@code val_accuracy}, {@code val_f1_macro}, {@code
 * val_r2}) is maximised. With patience p training stops at the end of the p-th epoch in a row without
 * improvement (p = 0 stops at the first one), like Keras.
 *
 * <p>With {@code restoreBest} the weights (the model's state dict) of the best epoch are copied when
 * it happens and loaded back in {@code onFitEnd} — whether training stopped early, ran all its
 * epochs or failed — so the model ends at its best epoch. As a {@link Stateful} it is saved and
 * restored by {@link Checkpoint} (counter, best value and best weights), so a resumed run stops
 * where an uninterrupted one would.
 *
 * <pre>{@code
 * var early = new EarlyStopping("val_loss", 3);
 * Trainer.builder(model, loss, opt).callbacks(early).build().fit(train, valid, 100);
 * System.out.println("best epoch " + (early.bestEpoch() + 1) + ": val_loss " + early.best());
 * }</pre>
 */
public final class EarlyStopping implements Callback, Stateful {
  /** Direction of improvement. */
  public enum Mode {
    /** Smaller is better (losses, errors). */
    MIN,
    /** Larger is better (accuracy, F1). */
    MAX
  }

  private static final String WEIGHTS = "weights.";

  private final String monitor;
  private final int patience;
  private final double minDelta;
  private final Mode mode;
  private final boolean restoreBest;
  private double best;
  private int bestEpoch = -1;
  private int wait;
  private Map<String, Tensor> bestState;
  private boolean restored;

  /** Monitors {@code monitor} with the given patience, mode from the key, restoring the best weights. */
  public EarlyStopping(String monitor, int patience) {
    this(monitor, patience, 0.0, defaultMode(monitor), true);
  }

  /** Full settings. */
  public EarlyStopping(String monitor, int patience, double minDelta, Mode mode, boolean restoreBest) {
    if (monitor == null || monitor.isBlank()) {
      throw new IllegalArgumentException("EarlyStopping: expected a log key to monitor, got '" + monitor + "'");
    }
    if (patience < 0) {
      throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("EarlyStopping: minDelta must be >= 0, got " + minDelta);
    }
    if (mode == null) {
      throw new IllegalArgumentException("EarlyStopping: mode must be MIN or MAX, got null");
    }
    this.monitor = monitor;
    this.patience = patience;
    this.minDelta = minDelta;
    this.mode = mode;
    this.restoreBest = restoreBest;
    reset();
  }

  /** The direction inferred from a log key (see the class comment). */
  public static Mode defaultMode(String key) {
    if (key == null) {
      throw new IllegalArgumentException("EarlyStopping.defaultMode: key is null");
    }
    String k = key.toLowerCase(Locale.ROOT);
    for (String suffix : new String[] {"loss", "error", "error_rate", "mse", "mae", "perplexity"}) {
      if (k.endsWith(suffix)) {
        return Mode.MIN;
      }
    }
    return Mode.MAX;
  }

  private void reset() {
    best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    bestEpoch = -1;
    wait = 0;
    bestState = null;
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public void onFitStart(TrainContext c) {
    if (!restored) {
      reset();
    }
    restored = false;
  }

  @Override
  public void onEpochEnd(TrainContext c) {
    Double v = c.logs().get(monitor);
    if (v == null) {
      throw new IllegalStateException("EarlyStopping: the monitored value '" + monitor
          + "' is not in the logs " + c.logs().keySet()
          + (monitor.startsWith("val_") ? " (pass validation data to fit for val_ keys)" : ""));
    }
    boolean improved = mode == Mode.MIN ? v < best - minDelta : v > best + minDelta;
    if (improved) {
      best = v;
      bestEpoch = c.epoch();
      wait = 0;
      if (restoreBest) {
        bestState = snapshot(c.model().stateDict());
      }
    } else if (++wait >= patience) {
      c.stopTraining(String.format(Locale.ROOT,
          "early stopping at epoch %d: %s did not improve for %d epoch%s (best %.6g at epoch %d)",
          c.epoch() + 1, monitor, wait, wait == 1 ? "" : "s", best, bestEpoch + 1));
    }
  }

  private static Map<String, Tensor> snapshot(Map<String, Tensor> state) {
    Map<String, Tensor> copy = new LinkedHashMap<>();
    try (var g = Grad.disabled()) {
      for (var e : state.entrySet()) {
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

  /** Best monitored value so far (±infinity before the first epoch). */
  public double best() {
    return best;
  }

  /** Epoch (0-based) of the best value, or -1. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** Epochs in a row without improvement so far. */
  public int epochsWithoutImprovement() {
    return wait;
  }

  /** The direction of improvement. */
  public Mode mode() {
    return mode;
  }

  /** The copy of the best epoch's state dict, or null (without restoreBest or before an improvement). */
  public Map<String, Tensor> bestWeights() {
    return bestState == null ? null : java.util.Collections.unmodifiableMap(bestState);
  }

  /** {@code best}, {@code best_epoch}, {@code wait} (exact scalars) and {@code weights.*}. */
  @Override
  public Map<String, Tensor> state() {
    Map<String, Tensor> s = new LinkedHashMap<>();
    s.put("best", StateDicts.ofDouble(best));
    s.put("best_epoch", StateDicts.ofLong(bestEpoch));
    s.put("wait", StateDicts.ofLong(wait));
    if (bestState != null) {
      bestState.forEach((k, v) -> s.put(WEIGHTS + k, v));
    }
    return s;
  }

  /** Restores {@link #state()}; the next fit continues with it instead of starting afresh. */
  @Override
  public void restore(Map<String, Tensor> state) {
    for (String k : new String[] {"best", "best_epoch", "wait"}) {
      if (!state.containsKey(k)) {
        throw new IllegalArgumentException(
            "EarlyStopping.restore: missing key '" + k + "', got keys " + state.keySet());
      }
    }
    best = StateDicts.toDouble("best", state.get("best"));
    bestEpoch = Math.toIntExact(StateDicts.toLong("best_epoch", state.get("best_epoch")));
    wait = Math.toIntExact(StateDicts.toLong("wait", state.get("wait")));
    Map<String, Tensor> w = new LinkedHashMap<>();
    state.forEach((k, v) -> {
      if (k.startsWith(WEIGHTS)) {
        w.put(k.substring(WEIGHTS.length()), v);
      }
    });
    bestState = w.isEmpty() ? null : snapshot(w);
    restored = true;
  }
}
