package dev.lernwerk.train.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/** Key order of a search space: encounter order for ordered maps, else sorted by name. */
final class SearchSpace {
  private SearchSpace() {}

  static List<String> keys(String op, Map<String, ?> space) {
    if (space == null || space.isEmpty()) {
      throw new IllegalArgumentException(op + ": expected at least one hyperparameter, got none");
    }
    List<String> keys = new ArrayList<>(space.keySet());
    if (!(space instanceof SequencedMap<String, ?>)) {
      keys.sort(null);
    }
    for (String k : keys) {
      if (k == null || k.isBlank()) {
        throw new IllegalArgumentException(op + ": hyperparameter names must be non-empty, got '" + k + "'");
      }
    }
    return keys;
  }
}
