package dev.lernwerk.train.tune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evaluated setting: the hyperparameters and the metrics they gave (e.g. {@code val_loss},
 * {@code val_accuracy}). Both maps keep their order and are unmodifiable.
 *
 * @param params hyperparameter name to value
 * @param metrics metric name to value (NaN for a diverged run is allowed)
 */
public record Trial(Map<String, Object> params, Map<String, Double> metrics) {

  /** Checks for null names and values and copies both maps, keeping their order. */
  public Trial {
    if (params == null || metrics == null) {
      throw new IllegalArgumentException("Trial: params and metrics must not be null");
    }
    var p = new LinkedHashMap<String, Object>();
    params.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new IllegalArgumentException("Trial: null parameter name or value: " + k + "=" + v);
      }
      p.put(k, v);
    });
    var m = new LinkedHashMap<String, Double>();
    metrics.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new IllegalArgumentException("Trial: null metric name or value: " + k + "=" + v);
      }
      m.put(k, v);
    });
    params = Collections.unmodifiableMap(p);
    metrics = Collections.unmodifiableMap(m);
  }

  /** The value of a metric; throws naming the metrics this trial has when it is missing. */
  public double metric(String name) {
    Double v = metrics.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "Trial: no metric '" + name + "', this trial has " + metrics.keySet());
    }
    return v;
  }

  /** The value of a hyperparameter; throws naming the parameters when it is missing. */
  public Object param(String name) {
    Object v = params.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "Trial: no parameter '" + name + "', this trial has " + params.keySet());
    }
    return v;
  }
}
