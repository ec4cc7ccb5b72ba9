package dev.lernwerk.optim;

import dev.lernwerk.tensor.Tensor;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * AdamW: Adam with decoupled weight decay — the parameter shrinks by {@code lr·wd·θ} directly instead
 * of the decay passing through the adaptive scaling as an L2 gradient term.
 *
 * <pre>
 * θ ← θ·(1 − lr·wd)
 * m ← β1·m + (1 − β1)·∇θ
 * v ← β2·v + (1 − β2)·∇θ²
 * v̂max ← max(v̂max, v)                                  (AMSGrad)
 * θ ← θ − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε)
 * </pre>
 *
 * Reference: Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019). Exclude
 * biases and norm parameters from decay with {@link ParamGroups#decayAndNoDecay}.
 *
 * <pre>{@code
 * var opt = new AdamW(ParamGroups.decayAndNoDecay(model.namedParameters(), 0.1),
 *     AdamW.Settings.defaults().withLr(6e-4).withBetas(0.9, 0.95));
 * }</pre>
 *
 * State per parameter: {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq} (AMSGrad).
 */
public final class AdamW extends Optimizer {
  static final String NAME = "AdamW";

  /**
   * AdamW's hyperparameters (defaults as in PyTorch).
   *
   * @param lr learning rate (≥ 0; default 1e-3)
   * @param beta1 decay of the first-moment average (0 ≤ β1 &lt; 1; default 0.9)
   * @param beta2 decay of the second-moment average (0 ≤ β2 &lt; 1; default 0.999)
   * @param eps added to the denominator for stability (≥ 0; default 1e-8)
   * @param weightDecay decoupled decay coefficient (≥ 0; default 0.01)
   * @param amsgrad use the running maximum of the second moment (default false)
   */
  public record Settings(
      double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
    /** Validates every field. */
    public Settings {
      AdamSettings.check(NAME, lr, beta1, beta2, eps, weightDecay);
    }

    /** lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01, no AMSGrad. */
    public static Settings defaults() {
      return new Settings(1e-3, 0.9, 0.999, 1e-8, 0.01, false);
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

  /** AdamW with PyTorch's defaults (lr 1e-3, weight decay 0.01). */
  public AdamW(Collection<Tensor> params) {
    this(params, Settings.defaults());
  }

  public AdamW(Collection<Tensor> params, double lr) {
    this(params, Settings.defaults().withLr(lr));
  }

  public AdamW(Collection<Tensor> params, Settings settings) {
    this(single(params), settings);
  }

  /** Parameter groups whose options override {@code settings}. */
  public AdamW(List<ParamGroup> groups, Settings settings) {
    super(NAME, groups, settings.toOptions(), Settings::fromOptions, "beta1");
  }

  @Override
  protected void update(Param p, ParamState state, ParamGroup group) {
    AdamRule.update(p, state, group, true);
  }
}
