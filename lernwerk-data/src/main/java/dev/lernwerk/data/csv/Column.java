package dev.lernwerk.data.csv;

/**
 * One column of a {@link Table}: numbers ({@link NumericColumn}, missing = NaN) or text ({@link
 * TextColumn}, missing = null).
 */
public sealed interface Column permits NumericColumn, TextColumn {
  /** The column's name. */
  String name();

  /** Number of rows. */
  int size();

  /** True if the value in {@code row} is missing. */
  boolean isMissing(int row);

  /** How many values are missing. */
  default int missingCount() {
    int n = 0;
    for (int i = 0; i < size(); i++) {
      if (isMissing(i)) {
        n++;
      }
    }
    return n;
  }

  /** The same values under another name. */
  Column withName(String name);

  /** The rows at {@code idx}, in that order. */
  Column rows(int[] idx);

  /** The value in {@code row} as text (empty when missing). */
  String text(int row);
}
