package dev.lernwerk.train.metric;

/**
 * One off-diagonal cell of a confusion matrix: {@code count} samples of class {@code actual} were
 * predicted as {@code predicted}.
 */
public record ConfusedPair(int actual, int predicted, int count) {

  /** A readable line such as {@code cat -> dog: 3}, using the class names. */
  public String toText(String[] classNames) {
    return name(classNames, actual) + " -> " + name(classNames, predicted) + ": " + count;
  }

  private static String name(String[] names, int c) {
    return names != null && c < names.length ? names[c] : Integer.toString(c);
  }
}
