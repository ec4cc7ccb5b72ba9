package dev.lernwerk.train.metric;

/**
 * One off-diagonal cell of a confusion matrix: {@code count} samples of class {@code actual} were
 * predicted as {@code predicted}.
 */
public record ConfusedPair(int actual, int predicted, int count) {

  /** A readable line such as {@code Coat → Pullover: 172}, using the class names (indices when null). */
  public String toText(String[] classNames) {
    return name(classNames, actual) + " → " + name(classNames, predicted) + ": " + count;
  }

  /** {@link #toText(String[])} with class names from a list. */
  public String toText(java.util.List<String> classNames) {
    return toText(classNames == null ? null : classNames.toArray(new String[0]));
  }

  /** {@code 6 → 0: 172}. */
  @Override
  public String toString() {
    return toText((String[]) null);
  }

  private static String name(String[] names, int c) {
    return names != null && c < names.length ? names[c] : Integer.toString(c);
  }
}
