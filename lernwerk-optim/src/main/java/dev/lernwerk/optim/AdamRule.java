package dev.lernwerk.optim;

import dev.lernwerk.kernel.OptimKernels;
import dev.lernwerk.optim.Optimizer.Param;

/** The Adam/AdamW update shared by both optimizers: coefficients in double, one fused pass. */
final class AdamRule {
  private AdamRule() {}

  static void update(Param p, ParamState state, ParamGroup group, boolean decoupled) {
    double lr = group.option(Optimizer.LR);
    double b1 = group.option("beta1");
    double b2 = group.option("beta2");
    double wd = group.option(Optimizer.WEIGHT_DECAY);
    long t = state.step();
    double bc1 = 1 - Math.pow(b1, t);
    double bc2 = 1 - Math.pow(b2, t);
    float[] m = state.buffer("exp_avg");
    float[] v = state.buffer("exp_avg_sq");
    float[] vmax = group.flag("amsgrad") ? state.buffer("max_exp_avg_sq") : null;
    var c =
        new OptimKernels.AdamStep(
            (float) b1,
            (float) b2,
            (float) (1 - b1),
            (float) (1 - b2),
            (float) (lr / bc1),
            (float) Math.sqrt(bc2),
            (float) group.option("eps"),
            decoupled ? 0f : (float) wd,
            decoupled ? (float) (1 - lr * wd) : 1f);
    OptimKernels.INSTANCE.adam(
        c, p.data(), p.offset(), p.grad(), p.gradOffset(), m, v, vmax, 0, p.numel());
  }
}
