package dev.lernwerk.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/** Validation, option maps and option reading shared by {@link Adam.Settings} and {@link AdamW.Settings}. */
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

  /** The settings record's canonical constructor. */
  @FunctionalInterface
  interface Maker<S> {
    S make(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad);
  }

  /** Reads (and, through the record's constructor, validates) settings from group options. */
  static <S> S read(String who, Map<String, Double> o, Maker<S> maker) {
    return maker.make(
        Check.get(who, o, Optimizer.LR),
        Check.get(who, o, "beta1"),
        Check.get(who, o, "beta2"),
        Check.get(who, o, "eps"),
        Check.get(who, o, Optimizer.WEIGHT_DECAY),
        Check.flag(who, o, "amsgrad"));
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
