package dev.lernwerk.data.explore;

import java.util.List;

/**
 * Per-feature statistics of a (N, F) data matrix (DA-20), NaNs counted as missing and left out.
 *
 * @param names feature names (column numbers when none were given)
 * @param min smallest value of each feature
 * @param max largest value
 * @param mean mean
 * @param std population standard deviation
 * @param missing number of NaN values
 */
public record FeatureStats(
    List<String> names, double[] min, double[] max, double[] mean, double[] std, long[] missing) {
  /** Copies the list. */
  public FeatureStats {
    names = List.copyOf(names);
  }

  /** Number of features. */
  public int size() {
    return names.size();
  }

  /** One line per feature: name, min, max, mean, std, missing. */
  public String table() {
    int w = "feature".length();
    for (String n : names) {
      w = Math.max(w, n.length());
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-" + w + "s %12s %12s %12s %12s %8s%n", "feature", "min", "max",
        "mean", "std", "missing"));
    for (int i = 0; i < names.size(); i++) {
      sb.append(String.format("%-" + w + "s %12s %12s %12s %12s %8d%n", names.get(i),
          Summary.num(min[i]), Summary.num(max[i]), Summary.num(mean[i]), Summary.num(std[i]),
          missing[i]));
    }
    return sb.toString().stripTrailing();
  }

  @Override
  public String toString() {
    return table();
  }
}
