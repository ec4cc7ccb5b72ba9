package dev.lernwerk.train.tune;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every combination of a few values per hyperparameter (grid search), in a stable order: the keys
 * in the map's order when it has one ({@code LinkedHashMap}, {@code TreeMap}), else sorted by name,
 * and the last key varying fastest (like nested loops, and sklearn's {@code ParameterGrid}).
 *
 * <pre>{@code
 * var axes = new LinkedHashMap<String, List<?>>();
 * axes.put("layers", List.of(1, 2, 3));
 * axes.put("lr", List.of(1e-3, 1e-2));
 * Grid grid = Grid.of(axes);          // 6 points
 * grid.get(0);                        // {layers=1, lr=0.001}
 * grid.get(1);                        // {layers=1, lr=0.01}
 * for (Map<String, Object> p : grid) { ... }
 * }</pre>
 *
 * The points are an immutable list; each point is an unmodifiable map in key order.
 */
public final class Grid extends AbstractList<Map<String, Object>> {
  private final List<String> keys;
  private final List<List<Object>> values;
  private final int size;

  private Grid(List<String> keys, List<List<Object>> values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  /** The grid over {@code axes}: name to the values to try (each list non-empty, no nulls). */
  public static Grid of(Map<String, ? extends List<?>> axes) {
    List<String> keys = SearchSpace.keys("Grid.of", axes);
    var values = new ArrayList<List<Object>>();
    long size = 1;
    for (String k : keys) {
      List<?> v = axes.get(k);
      if (v == null || v.isEmpty()) {
        throw new IllegalArgumentException(
            "Grid.of: hyperparameter '" + k + "' needs at least one value, got " + v);
      }
      for (int i = 0; i < v.size(); i++) {
        if (v.get(i) == null) {
          throw new IllegalArgumentException(
              "Grid.of: value " + i + " of hyperparameter '" + k + "' is null");
        }
      }
      values.add(List.copyOf(v));
      size *= v.size();
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "Grid.of: the grid has more than " + Integer.MAX_VALUE + " points; use RandomSearch");
      }
    }
    return new Grid(List.copyOf(keys), List.copyOf(values), (int) size);
  }

  /** The hyperparameter names in grid order (the last varies fastest). */
  public List<String> keys() {
    return keys;
  }

  /** Number of points: the product of the number of values per key. */
  @Override
  public int size() {
    return size;
  }

  /** The {@code i}-th point: a mixed-radix decoding of i with the last key as the lowest digit. */
  @Override
  public Map<String, Object> get(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("Grid.get: index " + i + " is outside [0, " + size + ")");
    }
    Object[] chosen = new Object[keys.size()];
    int rest = i;
    for (int k = keys.size() - 1; k >= 0; k--) {
      List<Object> v = values.get(k);
      chosen[k] = v.get(rest % v.size());
      rest /= v.size();
    }
    var point = new LinkedHashMap<String, Object>();
    for (int k = 0; k < chosen.length; k++) {
      point.put(keys.get(k), chosen[k]);
    }
    return Collections.unmodifiableMap(point);
  }
}
