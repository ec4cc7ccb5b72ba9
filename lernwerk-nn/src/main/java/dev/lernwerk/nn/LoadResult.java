package dev.lernwerk.nn;

import java.util.List;

/**
 * What {@link Module#loadStateDict} could not match: keys the model has but the state lacks
 * ({@code missing}) and keys the state has but the model lacks ({@code unexpected}). Both are empty
 * after a complete load.
 */
public record LoadResult(List<String> missing, List<String> unexpected) {
  /** Copies the lists (immutable). */
  public LoadResult {
    missing = List.copyOf(missing);
    unexpected = List.copyOf(unexpected);
  }

  /** True when every key matched. */
  public boolean complete() {
    return missing.isEmpty() && unexpected.isEmpty();
  }
}
