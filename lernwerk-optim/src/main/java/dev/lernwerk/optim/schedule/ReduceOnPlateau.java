package dev.lernwerk.optim.schedule;

import dev.lernwerk.optim.StateDicts;
import dev.lernwerk.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reduce the learning rate when a metric has stopped improving (PyTorch's {@code
 * ReduceLROnPlateau}, the pure decision logic). Call {@link #update} once per evaluation with the
 * metric and the current learning rate; it returns the learning rate to use next.
 *
 * <p>A metric is an improvement when it beats the best so far by the threshold: in MIN mode {@code
 * metric < best·(1 − threshold)} (REL) or {@code metric < best − threshold} (ABS); in MAX mode {@code
 * metric > best·(1 + threshold)} or {@code metric > best + threshold}. After more than {@code
 * patience} evaluations in a row without improvement the rate becomes {@code max(lr·factor, minLr)}
 * (changes smaller than 1e-8 are ignored) and the next {@code cooldown} evaluations do not count as
 * bad. NaN metrics never improve.
 *
 * <pre>{@code
 * var plateau = new ReduceOnPlateau(ReduceOnPlateau.Settings.defaults().withPatience(3));
 * // after each epoch:
 * opt.setLearningRate(plateau.update(validLoss, opt.learningRate()));
 * }</pre>
 */
public final class ReduceOnPlateau {
  /** Whether smaller (loss) or larger (accuracy) metrics are better. */
  public enum Mode {
    MIN,
    MAX
  }

  /** Whether the threshold is relative to the best value or absolute. */
  public enum ThresholdMode {
    REL,
    ABS
  }

  /**
   * The rule's settings (defaults as in PyTorch).
   *
   * @param mode MIN (default) or MAX
   * @param factor multiplier applied on a plateau (0 &lt; factor &lt; 1; default 0.1)
   * @param patience evaluations without improvement tolerated (≥ 0; default 10)
   * @param threshold minimum improvement that counts (≥ 0; default 1e-4)
   * @param thresholdMode REL (default) or ABS
   * @param cooldown evaluations after a reduction that do not count as bad (≥ 0; default 0)
   * @param minLr lower bound of the learning rate (≥ 0; default 0)
   */
  public record Settings(
      Mode mode,
      double factor,
      int patience,
      double threshold,
      ThresholdMode thresholdMode,
      int cooldown,
      double minLr) {
    /** Validates every field. */
    public Settings {
      Objects.requireNonNull(mode, "ReduceOnPlateau: mode");
      Objects.requireNonNull(thresholdMode, "ReduceOnPlateau: thresholdMode");
      if (!(factor > 0 && factor < 1)) {
        throw new IllegalArgumentException(
            "ReduceOnPlateau: invalid factor: " + factor + " (expected 0 < factor < 1)");
      }
      if (patience < 0) {
        throw new IllegalArgumentException(
            "ReduceOnPlateau: invalid patience: " + patience + " (expected >= 0)");
      }
      if (!(threshold >= 0) || Double.isInfinite(threshold)) {
        throw new IllegalArgumentException(
            "ReduceOnPlateau: invalid threshold: " + threshold + " (expected a finite value >= 0)");
      }
      if (cooldown < 0) {
        throw new IllegalArgumentException(
            "ReduceOnPlateau: invalid cooldown: " + cooldown + " (expected >= 0)");
      }
      if (!(minLr >= 0) || Double.isInfinite(minLr)) {
        throw new IllegalArgumentException(
            "ReduceOnPlateau: invalid minLr: " + minLr + " (expected a finite value >= 0)");
      }
    }

    /** MIN, factor 0.1, patience 10, threshold 1e-4 REL, no cooldown, minLr 0. */
    public static Settings defaults() {
      return new Settings(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0);
    }

    public Settings withMode(Mode mode) {
      return new Settings(mode, factor, patience, threshold, thresholdMode, cooldown, minLr);
    }

    public Settings withFactor(double factor) {
      return new Settings(mode, factor, patience, threshold, thresholdMode, cooldown, minLr);
    }

    public Settings withPatience(int patience) {
      return new Settings(mode, factor, patience, threshold, thresholdMode, cooldown, minLr);
    }

    public Settings withThreshold(double threshold, ThresholdMode thresholdMode) {
      return new Settings(mode, factor, patience, threshold, thresholdMode, cooldown, minLr);
    }

    public Settings withCooldown(int cooldown) {
      return new Settings(mode, factor, patience, threshold, thresholdMode, cooldown, minLr);
    }

    public Settings withMinLr(double minLr) {
      return new Settings(mode, factor, patience, threshold, thresholdMode, cooldown, minLr);
    }
  }

  /**
   * The rule's memory.
   *
   * @param best the best metric so far (±infinity before the first)
   * @param numBad evaluations in a row without improvement
   * @param cooldownLeft evaluations of cooldown still to go
   * @param updates number of {@link #update} calls
   * @param reductions number of times the rate was reduced
   */
  public record State(double best, int numBad, int cooldownLeft, long updates, long reductions) {}

  private static final double EPS = 1e-8;

  private final Settings settings;
  private double best;
  private int numBad;
  private int cooldownLeft;
  private long updates;
  private long reductions;

  public ReduceOnPlateau(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "ReduceOnPlateau: settings");
    reset();
  }

  /** All settings spelled out (see {@link Settings}). */
  public ReduceOnPlateau(
      Mode mode,
      double factor,
      int patience,
      double threshold,
      ThresholdMode thresholdMode,
      int cooldown,
      double minLr) {
    this(new Settings(mode, factor, patience, threshold, thresholdMode, cooldown, minLr));
  }

  /** PyTorch's defaults (MIN mode). */
  public ReduceOnPlateau() {
    this(Settings.defaults());
  }

  public Settings settings() {
    return settings;
  }

  /** Forgets the history (best value, counters). */
  public void reset() {
    best = settings.mode() == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    numBad = 0;
    cooldownLeft = 0;
    updates = 0;
    reductions = 0;
  }

  /** Records one evaluation of the metric and returns the learning rate to use from now on. */
  public double update(double metric, double currentLr) {
    updates++;
    if (isBetter(metric)) {
      best = metric;
      numBad = 0;
    } else {
      numBad++;
    }
    if (cooldownLeft > 0) {
      cooldownLeft--;
      numBad = 0;
    }
    if (numBad > settings.patience()) {
      double next = Math.max(currentLr * settings.factor(), settings.minLr());
      numBad = 0;
      cooldownLeft = settings.cooldown();
      if (currentLr - next > EPS) {
        reductions++;
        return next;
      }
    }
    return currentLr;
  }

  /** True when {@code metric} improves on the best so far by the threshold. */
  public boolean isBetter(double metric) {
    double t = settings.threshold();
    boolean rel = settings.thresholdMode() == ThresholdMode.REL;
    if (settings.mode() == Mode.MIN) {
      return metric < (rel ? best * (1 - t) : best - t);
    }
    return metric > (rel ? best * (1 + t) : best + t);
  }

  /** True while a cooldown is running. */
  public boolean inCooldown() {
    return cooldownLeft > 0;
  }

  /** The current memory. */
  public State state() {
    return new State(best, numBad, cooldownLeft, updates, reductions);
  }

  /** Restores a memory saved with {@link #state()}. */
  public void load(State s) {
    if (s.numBad() < 0 || s.cooldownLeft() < 0 || s.updates() < 0 || s.reductions() < 0) {
      throw new IllegalArgumentException("ReduceOnPlateau.load: negative counter in " + s);
    }
    best = s.best();
    numBad = s.numBad();
    cooldownLeft = s.cooldownLeft();
    updates = s.updates();
    reductions = s.reductions();
  }

  /** The memory as exact scalar tensors (see {@link StateDicts}): best, num_bad, cooldown_left, updates, reductions. */
  public Map<String, Tensor> stateDict() {
    var m = new LinkedHashMap<String, Tensor>();
    m.put("best", StateDicts.ofDouble(best));
    m.put("num_bad", StateDicts.ofLong(numBad));
    m.put("cooldown_left", StateDicts.ofLong(cooldownLeft));
    m.put("updates", StateDicts.ofLong(updates));
    m.put("reductions", StateDicts.ofLong(reductions));
    return m;
  }

  /** Restores {@link #stateDict()}; every key must be present. */
  public void loadStateDict(Map<String, Tensor> dict) {
    for (String k : new String[] {"best", "num_bad", "cooldown_left", "updates", "reductions"}) {
      if (!dict.containsKey(k)) {
        throw new IllegalArgumentException("ReduceOnPlateau.loadStateDict: missing key " + k);
      }
    }
    load(
        new State(
            StateDicts.toDouble("best", dict.get("best")),
            Math.toIntExact(StateDicts.toLong("num_bad", dict.get("num_bad"))),
            Math.toIntExact(StateDicts.toLong("cooldown_left", dict.get("cooldown_left"))),
            StateDicts.toLong("updates", dict.get("updates")),
            StateDicts.toLong("reductions", dict.get("reductions"))));
  }
}
