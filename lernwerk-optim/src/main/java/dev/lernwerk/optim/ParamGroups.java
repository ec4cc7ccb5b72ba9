package dev.lernwerk.optim;

import dev.lernwerk.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Building parameter groups: the weight-decay exclusion split and discriminative learning rates.
 */
public final class ParamGroups {
  private ParamGroups() {}

  /**
   * Splits named parameters into a {@code "decay"} group (weight decay {@code weightDecay}) and a
   * {@code "no_decay"} group (weight decay 0). Parameters with fewer than two dimensions (biases,
   * norm-layer scales and shifts) go to {@code no_decay}; matrices and convolution kernels decay.
   * Empty groups are left out; order within a group follows the map's iteration order.
   *
   * <pre>{@code
   * var opt = new AdamW(ParamGroups.decayAndNoDecay(model.namedParameters(), 0.1),
   *     AdamW.Settings.defaults().withLr(6e-4));
   * }</pre>
   */
  public static List<ParamGroup> decayAndNoDecay(
      Map<String, Tensor> namedParams, double weightDecay) {
    Check.nonNegative("ParamGroups.decayAndNoDecay", "weight decay", weightDecay);
    List<Tensor> decay = new ArrayList<>();
    List<Tensor> noDecay = new ArrayList<>();
    for (var e : namedParams.entrySet()) {
      (e.getValue().dim() >= 2 ? decay : noDecay).add(e.getValue());
    }
    List<ParamGroup> groups = new ArrayList<>(2);
    if (!decay.isEmpty()) {
      groups.add(new ParamGroup("decay", decay, Map.of(Optimizer.WEIGHT_DECAY, weightDecay)));
    }
    if (!noDecay.isEmpty()) {
      groups.add(new ParamGroup("no_decay", noDecay, Map.of(Optimizer.WEIGHT_DECAY, 0.0)));
    }
    return groups;
  }

  /**
   * One group per list of parameters with the given learning rates ({@code lrs.length} must equal
   * the number of lists), named {@code "group0"}, {@code "group1"}, …
   */
  public static List<ParamGroup> of(List<? extends List<Tensor>> paramLists, double... lrs) {
    if (paramLists.size() != lrs.length) {
      throw new IllegalArgumentException(
          "ParamGroups.of: " + paramLists.size() + " parameter lists but " + lrs.length
              + " learning rates (expected one rate per list)");
    }
    List<ParamGroup> groups = new ArrayList<>(lrs.length);
    for (int i = 0; i < lrs.length; i++) {
      Check.nonNegative("ParamGroups.of", "learning rate", lrs[i]);
      groups.add(ParamGroup.of("group" + i, paramLists.get(i), lrs[i]));
    }
    return groups;
  }

  /**
   * Discriminative learning rates spread geometrically from {@code lrLow} (first list, the layers
   * nearest the input) to {@code lrHigh} (last list, the head), like fastai's {@code slice(lo, hi)}:
   * group i gets {@code lrLow · (lrHigh/lrLow)^(i/(k-1))}. A single list gets {@code lrHigh}.
   */
  public static List<ParamGroup> discriminative(
      List<? extends List<Tensor>> paramLists, double lrLow, double lrHigh) {
    Check.positive("ParamGroups.discriminative", "lrLow", lrLow);
    Check.positive("ParamGroups.discriminative", "lrHigh", lrHigh);
    int k = paramLists.size();
    double[] lrs = new double[k];
    for (int i = 0; i < k; i++) {
      lrs[i] = k == 1 ? lrHigh : lrLow * Math.pow(lrHigh / lrLow, (double) i / (k - 1));
    }
    return of(paramLists, lrs);
  }
}
