package dev.lernwerk.optim;

import dev.lernwerk.tensor.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop: the gradient divided by a running root-mean-square of recent gradients; optionally
 * centered (divide by an estimate of the standard deviation instead) and with momentum.
 *
 * <pre>
 * g ← ∇θ + wd·θ
 * v ← α·v + (1 − α)·g²
 * ḡ ← α·ḡ + (1 − α)·g,   d ← √(v − ḡ²) + ε      (centered)
 *                        d ← √v + ε             (otherwise)
 * buf ← μ·buf + g/d,     θ ← θ − lr·buf         (momentum μ &gt; 0)
 *                        θ ← θ − lr·g/d         (otherwise)
 * </pre>
 *
 * References: Hinton, Srivastava &amp; Swersky, "Neural Networks for Machine Learning", lecture 6e
 * (2012); Graves, "Generating Sequences With Recurrent Neural Networks" (arXiv:1308.0850, 2013) for
 * the centered form.
 *
 * <pre>{@code
 * var opt = new RMSprop(params, RMSprop.Settings.defaults().withLr(1e-3).withCentered(true));
 * }</pre>
 *
 * State per parameter: {@code square_avg}, {@code momentum_buffer} (μ &gt; 0), {@code grad_avg}
 * (centered).
 */
public final class RMSprop extends Optimizer {
  static final String NAME = "RMSprop";

  /**
   * RMSprop's hyperparameters (defaults as in PyTorch).
   *
   * @param lr learning rate (≥ 0; default 1e-2)
   * @param alpha smoothing constant of the averages (0 ≤ α ≤ 1; default 0.99)
   * @param eps added to the denominator (≥ 0; default 1e-8)
   * @param weightDecay L2 penalty coefficient added to the gradient (≥ 0; default 0)
   * @param momentum momentum factor μ (≥ 0; default 0)
   * @param centered normalise by the estimated variance of the gradient (default false)
   */
  public record Settings(
      double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
    /** Validates every field. */
    public Settings {
      Check.lr(NAME, lr);
      Check.unitClosed(NAME, "alpha", alpha);
      Check.nonNegative(NAME, "epsilon", eps);
      Check.nonNegative(NAME, "weight decay", weightDecay);
      Check.nonNegative(NAME, "momentum", momentum);
    }

    /** lr 1e-2, alpha 0.99, eps 1e-8, no weight decay, no momentum, not centered. */
    public static Settings defaults() {
      return new Settings(1e-2, 0.99, 1e-8, 0, 0, false);
    }

    public Settings withLr(double lr) {
      return new Settings(lr, alpha, eps, weightDecay, momentum, centered);
    }

    public Settings withAlpha(double alpha) {
      return new Settings(lr, alpha, eps, weightDecay, momentum, centered);
    }

    public Settings withEps(double eps) {
      return new Settings(lr, alpha, eps, weightDecay, momentum, centered);
    }

    public Settings withWeightDecay(double weightDecay) {
      return new Settings(lr, alpha, eps, weightDecay, momentum, centered);
    }

    public Settings withMomentum(double momentum) {
      return new Settings(lr, alpha, eps, weightDecay, momentum, centered);
    }

    public Settings withCentered(boolean centered) {
      return new Settings(lr, alpha, eps, weightDecay, momentum, centered);
    }

    /** As group options: lr, alpha, eps, weight_decay, momentum, centered (0/1). */
    public Map<String, Double> toOptions() {
      var m = new LinkedHashMap<String, Double>();
      m.put(LR, lr);
      m.put("alpha", alpha);
      m.put("eps", eps);
      m.put(WEIGHT_DECAY, weightDecay);
      m.put("momentum", momentum);
      m.put("centered", Check.bit(centered));
      return m;
    }

    /** Reads (and so validates) settings from group options. */
    public static Settings fromOptions(Map<String, Double> o) {
      return new Settings(
          Check.get(NAME, o, LR),
          Check.get(NAME, o, "alpha"),
          Check.get(NAME, o, "eps"),
          Check.get(NAME, o, WEIGHT_DECAY),
          Check.get(NAME, o, "momentum"),
          Check.flag(NAME, o, "centered"));
    }
  }

  /** RMSprop with PyTorch's defaults (lr 1e-2). */
  public RMSprop(Collection<Tensor> params) {
    this(params, Settings.defaults());
  }

  public RMSprop(Collection<Tensor> params, double lr) {
    this(params, Settings.defaults().withLr(lr));
  }

  public RMSprop(Collection<Tensor> params, Settings settings) {
    this(single(params), settings);
  }

  /** Parameter groups whose options override {@code settings}. */
  public RMSprop(List<ParamGroup> groups, Settings settings) {
    super(NAME, groups, settings.toOptions(), Settings::fromOptions, "momentum");
  }

  @Override
  protected void update(Param p, ParamState state, ParamGroup group) {
    float lr = (float) group.option(LR);
    float alpha = (float) group.option("alpha");
    float oneMinusAlpha = (float) (1 - group.option("alpha"));
    float eps = (float) group.option("eps");
    float wd = (float) group.option(WEIGHT_DECAY);
    float mu = (float) group.option("momentum");
    float[] sq = state.buffer("square_avg");
    float[] buf = mu != 0f ? state.buffer("momentum_buffer") : null;
    float[] gavg = group.flag("centered") ? state.buffer("grad_avg") : null;
    ScalarLoop.forEach(
        p,
        (th, po, gr, go, s, e) -> {
          for (int i = s; i < e; i++) {
            float theta = th[po + i];
            float g = ScalarLoop.decayed(wd, theta, gr[go + i]);
            float v = Math.fma(alpha, sq[i], oneMinusAlpha * g * g);
            sq[i] = v;
            if (gavg != null) {
              float ga = Math.fma(alpha, gavg[i], oneMinusAlpha * g);
              gavg[i] = ga;
              v = v - ga * ga;
            }
            float d = (float) Math.sqrt(v) + eps;
            if (buf != null) {
              float b = Math.fma(mu, buf[i], g / d);
              buf[i] = b;
              th[po + i] = Math.fma(-lr, b, theta);
            } else {
              th[po + i] = Math.fma(-lr, g / d, theta);
            }
          }
        });
  }
}
