package dev.lernwerk.optim;

import dev.lernwerk.tensor.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adadelta: steps scaled by the ratio of running RMS of past updates to running RMS of gradients, so
 * the update has the units of the parameter and needs little tuning of lr (default 1.0).
 *
 * <pre>
 * g ← ∇θ + wd·θ
 * E[g²] ← ρ·E[g²] + (1 − ρ)·g²
 * Δ ← √(E[Δ²] + ε) / √(E[g²] + ε) · g
 * E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²
 * θ ← θ − lr·Δ
 * </pre>
 *
 * Reference: Zeiler, "ADADELTA: An Adaptive Learning Rate Method" (arXiv:1212.5701, 2012).
 *
 * <pre>{@code
 * var opt = new Adadelta(params);   // lr 1.0, rho 0.9, eps 1e-6
 * }</pre>
 *
 * State per parameter: {@code square_avg}, {@code acc_delta}.
 */
public final class Adadelta extends Optimizer {
  static final String NAME = "Adadelta";

  /**
   * Adadelta's hyperparameters (defaults as in PyTorch).
   *
   * @param lr scale of the update (≥ 0; default 1.0)
   * @param rho decay of the running averages (0 ≤ ρ ≤ 1; default 0.9)
   * @param eps added inside the square roots (≥ 0; default 1e-6)
   * @param weightDecay L2 penalty coefficient added to the gradient (≥ 0; default 0)
   */
  public record Settings(double lr, double rho, double eps, double weightDecay) {
    /** Validates every field. */
    public Settings {
      Check.lr(NAME, lr);
      Check.unitClosed(NAME, "rho", rho);
      Check.nonNegative(NAME, "epsilon", eps);
      Check.nonNegative(NAME, "weight decay", weightDecay);
    }

    /** lr 1.0, rho 0.9, eps 1e-6, no weight decay. */
    public static Settings defaults() {
      return new Settings(1.0, 0.9, 1e-6, 0);
    }

    public Settings withLr(double lr) {
      return new Settings(lr, rho, eps, weightDecay);
    }

    public Settings withRho(double rho) {
      return new Settings(lr, rho, eps, weightDecay);
    }

    public Settings withEps(double eps) {
      return new Settings(lr, rho, eps, weightDecay);
    }

    public Settings withWeightDecay(double weightDecay) {
      return new Settings(lr, rho, eps, weightDecay);
    }

    /** As group options: lr, rho, eps, weight_decay. */
    public Map<String, Double> toOptions() {
      var m = new LinkedHashMap<String, Double>();
      m.put(LR, lr);
      m.put("rho", rho);
      m.put("eps", eps);
      m.put(WEIGHT_DECAY, weightDecay);
      return m;
    }

    /** Reads (and so validates) settings from group options. */
    public static Settings fromOptions(Map<String, Double> o) {
      return new Settings(
          Check.get(NAME, o, LR),
          Check.get(NAME, o, "rho"),
          Check.get(NAME, o, "eps"),
          Check.get(NAME, o, WEIGHT_DECAY));
    }
  }

  /** Adadelta with PyTorch's defaults (lr 1.0). */
  public Adadelta(Collection<Tensor> params) {
    this(params, Settings.defaults());
  }

  public Adadelta(Collection<Tensor> params, double lr) {
    this(params, Settings.defaults().withLr(lr));
  }

  public Adadelta(Collection<Tensor> params, Settings settings) {
    this(single(params), settings);
  }

  /** Parameter groups whose options override {@code settings}. */
  public Adadelta(List<ParamGroup> groups, Settings settings) {
    super(NAME, groups, settings.toOptions(), Settings::fromOptions, null);
  }

  @Override
  protected void update(Param p, ParamState state, ParamGroup group) {
    float lr = (float) group.option(LR);
    float rho = (float) group.option("rho");
    float oneMinusRho = (float) (1 - group.option("rho"));
    float eps = (float) group.option("eps");
    float wd = (float) group.option(WEIGHT_DECAY);
    float[] sq = state.buffer("square_avg");
    float[] acc = state.buffer("acc_delta");
    ScalarLoop.forEach(
        p,
        (th, po, gr, go, s, e) -> {
          for (int i = s; i < e; i++) {
            float theta = th[po + i];
            float g = ScalarLoop.decayed(wd, theta, gr[go + i]);
            float sqi = Math.fma(rho, sq[i], oneMinusRho * g * g);
            sq[i] = sqi;
            float delta = (float) Math.sqrt(acc[i] + eps) / (float) Math.sqrt(sqi + eps) * g;
            acc[i] = Math.fma(rho, acc[i], oneMinusRho * delta * delta);
            th[po + i] = Math.fma(-lr, delta, theta);
          }
        });
  }
}
