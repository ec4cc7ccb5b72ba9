package dev.lernwerk.optim;

import dev.lernwerk.tensor.Tensor;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named list of parameters with its own hyperparameters (plain immutable data).
 *
 * <p>{@code options} holds only what differs from the optimizer's settings, e.g. {@code Map.of("lr",
 * 1e-4)} or {@code Map.of("weight_decay", 0.0)}; the optimizer merges its defaults in and validates
 * the result when it takes the group. Keys are the option names of the optimizer ({@link
 * Optimizer#LR}, {@link Optimizer#WEIGHT_DECAY}, {@code "beta1"}, {@code "momentum"}, …); flags are
 * 0 or 1.
 *
 * <pre>{@code
 * var body = new ParamGroup("body", bodyParams, Map.of("lr", 1e-4));
 * var head = new ParamGroup("head", headParams, Map.of());          // the optimizer's lr
 * var opt = new Adam(List.of(body, head), Adam.Settings.defaults().withLr(1e-3));
 * }</pre>
 *
 * @param name a label for messages (need not be unique)
 * @param params the parameters, in a fixed order (their index is part of the state-dict keys)
 * @param options hyperparameters of this group, insertion-ordered
 */
public record ParamGroup(String name, List<Tensor> params, Map<String, Double> options) {
  /** Copies the list and the map (neither may hold nulls). */
  public ParamGroup {
    Objects.requireNonNull(name, "ParamGroup: name");
    Objects.requireNonNull(params, "ParamGroup: params");
    Objects.requireNonNull(options, "ParamGroup: options");
    params = List.copyOf(params);
    var copy = new LinkedHashMap<String, Double>();
    for (var e : options.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new NullPointerException(
            "ParamGroup '" + name + "': option " + e.getKey() + " is null");
      }
      copy.put(e.getKey(), e.getValue());
    }
    options = Collections.unmodifiableMap(copy);
  }

  /** A group without options of its own (it takes all the optimizer's settings). */
  public static ParamGroup of(String name, Collection<Tensor> params) {
    return new ParamGroup(name, List.copyOf(params), Map.of());
  }

  /** A group with its own learning rate. */
  public static ParamGroup of(String name, Collection<Tensor> params, double lr) {
    return new ParamGroup(name, List.copyOf(params), Map.of(Optimizer.LR, lr));
  }

  /** The value of an option; fails naming the group when it is absent. */
  public double option(String key) {
    Double v = options.get(key);
    if (v == null) {
      throw new IllegalArgumentException(
          "ParamGroup '" + name + "': no option '" + key + "' (has " + options.keySet() + ")");
    }
    return v;
  }

  /** A flag option (stored as 0 or 1). */
  public boolean flag(String key) {
    return option(key) != 0.0;
  }

  /** A copy with one option set (added or replaced). */
  public ParamGroup withOption(String key, double value) {
    var copy = new LinkedHashMap<>(options);
    copy.put(key, value);
    return new ParamGroup(name, params, copy);
  }

  /** A copy whose options are {@code defaults} overridden by this group's own. */
  public ParamGroup withDefaults(Map<String, Double> defaults) {
    var merged = new LinkedHashMap<>(defaults);
    merged.putAll(options);
    return new ParamGroup(name, params, merged);
  }
}
