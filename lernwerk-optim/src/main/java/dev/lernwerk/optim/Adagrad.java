package dev.lernwerk.optim;

import dev.lernwerk.tensor.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad: per-coordinate learning rates that shrink with the sum of squared past gradients, so rare
 * features get large steps.
 *
 * <pre>
 * g ← ∇θ + wd·θ
 * lrₜ ← lr / (1 + (t − 1)·lrDecay)
 * s ← s + g²                       (s starts at initialAccumulatorValue)
 * θ ← θ − lrₜ · g / (√s + ε)
 * </pre>
 *
 * Reference: Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods for Online Learning and
 * Stochastic Optimization" (JMLR 2011).
 *
 * <pre>{@code
 * var opt = new Adagrad(params, 0.1);
 * }</pre>
 *
 * State per parameter: {@code sum}.
 */
public final class Adagrad extends Optimizer {
  static final String NAME = "Adagrad";

  /**
   * Adagrad's hyperparameters (defaults as in PyTorch).
   *
   * @param lr learning rate (≥ 0; default 1e-2)
   * @param lrDecay decay of the learning rate per step (≥ 0; default 0)
   * @param weightDecay L2 penalty coefficient added to the gradient (≥ 0; default 0)
   * @param initialAccumulatorValue starting value of the squared-gradient sum (≥ 0; default 0)
   * @param eps added to the denominator (≥ 0; default 1e-10)
   */
  public record Settings(
      double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps) {
    /** Validates every field. */
    public Settings {
      Check.lr(NAME, lr);
      Check.nonNegative(NAME, "lr decay", lrDecay);
      Check.nonNegative(NAME, "weight decay", weightDecay);
      Check.nonNegative(NAME, "initial accumulator value", initialAccumulatorValue);
      Check.nonNegative(NAME, "epsilon", eps);
    }

    /** lr 1e-2, no lr decay, no weight decay, accumulator 0, eps 1e-10. */
    public static Settings defaults() {
      return new Settings(1e-2, 0, 0, 0, 1e-10);
    }

    public Settings withLr(double lr) {
      return new Settings(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
    }

    public Settings withLrDecay(double lrDecay) {
      return new Settings(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
    }

    public Settings withWeightDecay(double weightDecay) {
      return new Settings(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
    }

    public Settings withInitialAccumulatorValue(double initialAccumulatorValue) {
      return new Settings(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
    }

    public Settings withEps(double eps) {
      return new Settings(lr, lrDecay, weightDecay, initialAccumulatorValue, eps);
    }

    /** As group options: lr, lr_decay, weight_decay, initial_accumulator_value, eps. */
    public Map<String, Double> toOptions() {
      var m = new LinkedHashMap<String, Double>();
      m.put(LR, lr);
      m.put("lr_decay", lrDecay);
      m.put(WEIGHT_DECAY, weightDecay);
      m.put("initial_accumulator_value", initialAccumulatorValue);
      m.put("eps", eps);
      return m;
    }

    /** Reads (and so validates) settings from group options. */
    public static Settings fromOptions(Map<String, Double> o) {
      return new Settings(
          Check.get(NAME, o, LR),
          Check.get(NAME, o, "lr_decay"),
          Check.get(NAME, o, WEIGHT_DECAY),
          Check.get(NAME, o, "initial_accumulator_value"),
          Check.get(NAME, o, "eps"));
    }
  }

  /** Adagrad with PyTorch's defaults (lr 1e-2). */
  public Adagrad(Collection<Tensor> params) {
    this(params, Settings.defaults());
  }

  public Adagrad(Collection<Tensor> params, double lr) {
    this(params, Settings.defaults().withLr(lr));
  }

  public Adagrad(Collection<Tensor> params, Settings settings) {
    this(single(params), settings);
  }

  /** Parameter groups whose options override {@code settings}. */
  public Adagrad(List<ParamGroup> groups, Settings settings) {
    super(NAME, groups, settings.toOptions(), Settings::fromOptions, null);
  }

  @Override
  protected void update(Param p, ParamState state, ParamGroup group) {
    float clr =
        (float) (group.option(LR) / (1 + (state.step() - 1) * group.option("lr_decay")));
    float wd = (float) group.option(WEIGHT_DECAY);
    float eps = (float) group.option("eps");
    float[] sum = state.buffer("sum", (float) group.option("initial_accumulator_value"));
    ScalarLoop.forEach(
        p,
        (th, po, gr, go, s, e) -> {
          for (int i = s; i < e; i++) {
            float theta = th[po + i];
            float g = ScalarLoop.decayed(wd, theta, gr[go + i]);
            float acc = Math.fma(g, g, sum[i]);
            sum[i] = acc;
            th[po + i] = theta - clr * (g / ((float) Math.sqrt(acc) + eps));
          }
        });
  }
}
