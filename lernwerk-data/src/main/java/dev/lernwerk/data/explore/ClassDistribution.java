package dev.lernwerk.data.explore;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How often each class occurs (DA-19, TA-10): the distinct labels in ascending order with their
 * counts and shares — NumPy's {@code np.unique(y, return_counts=True)}.
 *
 * @param labels the distinct labels, ascending
 * @param counts how often each occurs
 * @param names the class name of each label (the label itself when no names were given)
 */
public record ClassDistribution(int[] labels, long[] counts, List<String> names) {
  /** Copies the arrays. */
  public ClassDistribution {
    labels = labels.clone();
    counts = counts.clone();
    names = List.copyOf(names);
  }

  /** A copy of the labels. */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** A copy of the counts. */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  /** Total number of samples. */
  public long total() {
    return Arrays.stream(counts).sum();
  }

  /** The share of each class, {@code count / total}. */
  public double[] proportions() {
    double t = total();
    return Arrays.stream(counts).mapToDouble(c -> c / t).toArray();
  }

  /** Largest count divided by the smallest: 1 for balanced data. */
  public double imbalanceRatio() {
    long mx = Arrays.stream(counts).max().orElse(0);
    long mn = Arrays.stream(counts).min().orElse(0);
    return mn == 0 ? Double.POSITIVE_INFINITY : (double) mx / mn;
  }

  /** The count of one label (0 if it does not occur). */
  public long count(int label) {
    int i = Arrays.binarySearch(labels, label);
    return i < 0 ? 0 : counts[i];
  }

  /**
   * A text table, one line per class:
   *
   * <pre>
   * label  class        count  share
   *     0  T-shirt/top   6000  10.0%
   * </pre>
   */
  public String table() {
    int nameW = "class".length();
    int countW = "count".length();
    for (int i = 0; i < labels.length; i++) {
      nameW = Math.max(nameW, names.get(i).length());
      countW = Math.max(countW, Long.toString(counts[i]).length());
    }
    int labelW = "label".length();
    for (int l : labels) {
      labelW = Math.max(labelW, Integer.toString(l).length());
    }
    StringBuilder sb = new StringBuilder();
    sb.append(pad("label", labelW, true)).append("  ").append(pad("class", nameW, false))
        .append("  ").append(pad("count", countW, true)).append("   share\n");
    double[] p = proportions();
    for (int i = 0; i < labels.length; i++) {
      sb.append(pad(Integer.toString(labels[i]), labelW, true)).append("  ")
          .append(pad(names.get(i), nameW, false)).append("  ")
          .append(pad(Long.toString(counts[i]), countW, true)).append("  ")
          .append(pad(String.format(Locale.ROOT, "%.1f%%", 100 * p[i]), 6, true)).append('\n');
    }
    sb.append(pad("", labelW, true)).append("  ").append(pad("total", nameW, false)).append("  ")
        .append(pad(Long.toString(total()), countW, true));
    return sb.toString();
  }

  private static String pad(String s, int w, boolean right) {
    String p = " ".repeat(Math.max(0, w - s.length()));
    return right ? p + s : s + p;
  }

  @Override
  public String toString() {
    return table();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassDistribution d && Arrays.equals(d.labels, labels)
        && Arrays.equals(d.counts, counts) && d.names.equals(names);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(labels) * 31 + Arrays.hashCode(counts);
  }
}
