package dev.lernwerk.optim;

import dev.lernwerk.kernel.OptimKernels;
import dev.lernwerk.tensor.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and (L2) weight
 * decay, in PyTorch's convention. With the learning rate alone it is plain gradient descent — full
 * batch or minibatch depending on what the loss was computed over.
 *
 * <pre>
 * g ← ∇θ + wd·θ
 * buf ← g                                    (first step)
 * buf ← μ·buf + (1 − dampening)·g            (later steps)
 * g ← g + μ·buf   (Nesterov)     or    g ← buf   (classical momentum; only when μ ≠ 0)
 * θ ← θ − lr·g
 * </pre>
 *
 * References: Robbins &amp; Monro, "A Stochastic Approximation Method" (1951); Polyak, "Some methods
 * of speeding up the convergence of iteration methods" (1964); Sutskever, Martens, Dahl &amp; Hinton,
 * "On the importance of initialization and momentum in deep learning" (ICML 2013) for the Nesterov
 * form used here.
 *
 * <pre>{@code
 * var gd = new SGD(params, 0.1);                                                 // plain GD
 * var sgd = new SGD(params, SGD.Settings.defaults().withLr(0.05).withMomentum(0.9).withNesterov(true));
 * }</pre>
 *
 * State per parameter: {@code momentum_buffer} (only when μ ≠ 0).
 */
public final class SGD extends Optimizer {
  static final String NAME = "SGD";

  /**
   * SGD's hyperparameters (defaults as in PyTorch).
   *
   * @param lr learning rate (≥ 0; default 1e-3)
   * @param momentum momentum factor μ (≥ 0; default 0 = none)
   * @param dampening dampening of the gradient in the buffer (0 ≤ d ≤ 1; default 0)
   * @param nesterov Nesterov momentum (needs μ &gt; 0 and dampening 0; default false)
   * @param weightDecay L2 penalty coefficient added to the gradient (≥ 0; default 0)
   */
  public record Settings(
      double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
    /** Validates every field. */
    public Settings {
      Check.lr(NAME, lr);
      Check.nonNegative(NAME, "momentum", momentum);
      Check.unitClosed(NAME, "dampening", dampening);
      Check.nonNegative(NAME, "weight decay", weightDecay);
      if (nesterov && (momentum <= 0 || dampening != 0)) {
        throw new IllegalArgumentException(
            NAME + ": Nesterov momentum requires a momentum > 0 and zero dampening, got momentum="
                + momentum + ", dampening=" + dampening);
      }
    }

    /** lr 1e-3, no momentum, no dampening, no Nesterov, no weight decay. */
    public static Settings defaults() {
      return new Settings(1e-3, 0, 0, false, 0);
    }

    public Settings withLr(double lr) {
      return new Settings(lr, momentum, dampening, nesterov, weightDecay);
    }

    public Settings withMomentum(double momentum) {
      return new Settings(lr, momentum, dampening, nesterov, weightDecay);
    }

    public Settings withDampening(double dampening) {
      return new Settings(lr, momentum, dampening, nesterov, weightDecay);
    }

    public Settings withNesterov(boolean nesterov) {
      return new Settings(lr, momentum, dampening, nesterov, weightDecay);
    }

    public Settings withWeightDecay(double weightDecay) {
      return new Settings(lr, momentum, dampening, nesterov, weightDecay);
    }

    /** As group options: lr, momentum, dampening, nesterov (0/1), weight_decay. */
    public Map<String, Double> toOptions() {
      var m = new LinkedHashMap<String, Double>();
      m.put(LR, lr);
      m.put("momentum", momentum);
      m.put("dampening", dampening);
      m.put("nesterov", Check.bit(nesterov));
      m.put(WEIGHT_DECAY, weightDecay);
      return m;
    }

    /** Reads (and so validates) settings from group options. */
    public static Settings fromOptions(Map<String, Double> o) {
      return new Settings(
          Check.get(NAME, o, LR),
          Check.get(NAME, o, "momentum"),
          Check.get(NAME, o, "dampening"),
          Check.flag(NAME, o, "nesterov"),
          Check.get(NAME, o, WEIGHT_DECAY));
    }
  }

  /** Plain gradient descent {@code θ ← θ − lr·∇θ}. */
  public SGD(Collection<Tensor> params, double lr) {
    this(params, Settings.defaults().withLr(lr));
  }

  public SGD(Collection<Tensor> params, Settings settings) {
    this(single(params), settings);
  }

  /** Parameter groups whose options override {@code settings}. */
  public SGD(List<ParamGroup> groups, Settings settings) {
    super(NAME, groups, settings.toOptions(), Settings::fromOptions, "momentum");
  }

  @Override
  protected void update(Param p, ParamState state, ParamGroup group) {
    double mu = group.option("momentum");
    float[] buf = null;
    boolean first = false;
    if (mu != 0) {
      first = !state.has("momentum_buffer");
      buf = state.buffer("momentum_buffer");
    }
    var c =
        new OptimKernels.SgdStep(
            (float) group.option(LR),
            (float) group.option(WEIGHT_DECAY),
            (float) mu,
            (float) (1 - group.option("dampening")),
            group.flag("nesterov"),
            first);
    OptimKernels.INSTANCE.sgd(c, p.data(), p.offset(), p.grad(), p.gradOffset(), buf, 0, p.numel());
  }
}
