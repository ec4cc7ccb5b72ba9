package dev.lernwerk.optim;

import dev.lernwerk.tensor.Tensor;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Adam: adaptive moment estimation, with optional L2 weight decay (added to the gradient) and the
 * AMSGrad variant.
 *
 * <pre>
 * g ← ∇θ + wd·θ
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * v̂max ← max(v̂max, v)                                  (AMSGrad; then v̂max replaces v below)
 * θ ← θ − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)
 * </pre>
 *
 * The whole update is one fused, vectorized pass per parameter ({@code
 * dev.lernwerk.kernel.OptimKernels}). For decay that does not pass through the adaptive scaling use
 * {@link AdamW}.
 *
 * <p>References: Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization" (ICLR 2015); Reddi,
 * Kale &amp; Kumar, "On the Convergence of Adam and Beyond" (ICLR 2018) for AMSGrad.
 *
 * <pre>{@code
 * var opt = new Adam(model.parameters(), 3e-3);
 * var ams = new Adam(model.parameters(), Adam.Settings.defaults().withLr(3e-3).withAmsgrad(true));
 * }</pre>
 *
 * State per parameter: {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq} (AMSGrad).
 */
public final class Adam extends Optimizer {
  static final String NAME = "Adam";

  /**
   * Adam's hyperparameters (defaults as in PyTorch).
   *
   * @param lr learning rate (≥ 0; default 1e-3)
   * @param beta1 decay of the first-moment average (0 ≤ β1 &lt; 1; default 0.9)
   * @param beta2 decay of the second-moment average (0 ≤ β2 &lt; 1; default 0.999)
   * @param eps added to the denominator for stability (≥ 0; default 1e-8)
   * @param weightDecay L2 penalty coefficient added to the gradient (≥ 0; default 0)
   * @param amsgrad use the running maximum of the second moment (default false)
   */
  public record Settings(
      double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
    /** Validates every field. */
    public Settings {
      AdamSettings.check(NAME, lr, beta1, beta2, eps, weightDecay);
    }

    /** lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay, no AMSGrad. */
    public static Settings defaults() {
      return new Settings(1e-3, 0.9, 0.999, 1e-8, 0, false);
    }

    public Settings withLr(double lr) {
      return new Settings(lr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    public Settings withBetas(double beta1, double beta2) {
      return new Settings(lr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    public Settings withEps(double eps) {
      return new Settings(lr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    public Settings withWeightDecay(double weightDecay) {
      return new Settings(lr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    public Settings withAmsgrad(boolean amsgrad) {
      return new Settings(lr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    /** As group options: lr, beta1, beta2, eps, weight_decay, amsgrad (0/1). */
    public Map<String, Double> toOptions() {
      return AdamSettings.options(lr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    /** Reads (and so validates) settings from group options. */
    public static Settings fromOptions(Map<String, Double> o) {
      return AdamSettings.read(NAME, o, Settings::new);
    }
  }

  /** Adam with PyTorch's defaults (lr 1e-3). */
  public Adam(Collection<Tensor> params) {
    this(params, Settings.defaults());
  }

  public Adam(Collection<Tensor> params, double lr) {
    this(params, Settings.defaults().withLr(lr));
  }

  public Adam(Collection<Tensor> params, Settings settings) {
    this(single(params), settings);
  }

  /** Parameter groups whose options override {@code settings}. */
  public Adam(List<ParamGroup> groups, Settings settings) {
    super(NAME, groups, settings.toOptions(), Settings::fromOptions, "beta1");
  }

  @Override
  protected void update(Param p, ParamState state, ParamGroup group) {
    AdamRule.update(p, state, group, false);
  }
}
