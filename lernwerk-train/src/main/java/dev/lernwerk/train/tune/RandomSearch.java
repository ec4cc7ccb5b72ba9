package dev.lernwerk.train.tune;

import dev.lernwerk.tensor.Generator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Random search (Bergstra and Bengio 2012): {@code n} settings drawn independently from one
 * distribution per hyperparameter. With few hyperparameters that matter it covers each of them far
 * more finely than a grid of the same size.
 *
 * <pre>{@code
 * var space = new LinkedHashMap<String, Distribution>();
 * space.put("lr", Distribution.logUniform(1e-4, 1e-1));
 * space.put("layers", Distribution.intUniform(1, 4));
 * List<Map<String, Object>> trials = RandomSearch.sample(space, 20, new Generator(42));
 * }</pre>
 *
 * Draws go key by key (the map's order, else sorted by name), trial by trial, so the same space,
 * n and seed always give the same settings.
 */
public final class RandomSearch {
  private RandomSearch() {}

  /** {@code n} settings, each an unmodifiable map in key order. */
  public static List<Map<String, Object>> sample(
      Map<String, ? extends Distribution> space, int n, Generator gen) {
    List<String> keys = SearchSpace.keys("RandomSearch.sample", space);
    if (n < 0) {
      throw new IllegalArgumentException("RandomSearch.sample: expected n >= 0, got " + n);
    }
    if (gen == null) {
      throw new IllegalArgumentException("RandomSearch.sample: expected a Generator, got null");
    }
    for (String k : keys) {
      if (space.get(k) == null) {
        throw new IllegalArgumentException(
            "RandomSearch.sample: hyperparameter '" + k + "' has no distribution");
      }
    }
    var out = new ArrayList<Map<String, Object>>(n);
    for (int t = 0; t < n; t++) {
      var p = new LinkedHashMap<String, Object>();
      for (String k : keys) {
        p.put(k, space.get(k).sample(gen));
      }
      out.add(Collections.unmodifiableMap(p));
    }
    return List.copyOf(out);
  }
}
