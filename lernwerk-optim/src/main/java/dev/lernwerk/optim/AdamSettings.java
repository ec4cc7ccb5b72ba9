package dev.lernwerk.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/** Validation and option maps shared by {@link Adam.Settings} and {@link AdamW.Settings}. */
final class AdamSettings {
  private AdamSettings() {}

  static void check(
      String who, double lr, double beta1, double beta2, double eps, double weightDecay) {
    Check.lr(who, lr);
    Check.unitOpen(who, "beta1", beta1);
    Check.unitOpen(who, "beta2", beta2);
    Check.nonNegative(who, "epsilon", eps);
    Check.nonNegative(who, "weight decay", weightDecay);
  }

  static Map<String, Double> options(
      double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
    var m = new LinkedHashMap<String, Double>();
    m.put(Optimizer.LR, lr);
    m.put("beta1", beta1);
    m.put("beta2", beta2);
    m.put("eps", eps);
    m.put(Optimizer.WEIGHT_DECAY, weightDecay);
    m.put("amsgrad", Check.bit(amsgrad));
    return m;
  }
}
