package dev.lernwerk.data.csv;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A column of text values (categories); null marks a missing value.
 *
 * @param name the column name
 * @param values the values (not copied: treat as read-only)
 */
public record TextColumn(String name, String[] values) implements Column {
  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean isMissing(int row) {
    return values[row] == null;
  }

  @Override
  public TextColumn withName(String n) {
    return new TextColumn(n, values);
  }

  @Override
  public TextColumn rows(int[] idx) {
    String[] v = new String[idx.length];
    for (int i = 0; i < idx.length; i++) {
      v[i] = values[idx[i]];
    }
    return new TextColumn(name, v);
  }

  @Override
  public String text(int row) {
    return values[row] == null ? "" : values[row];
  }

  /** Distinct non-missing values with their counts, sorted by value. */
  public Map<String, Integer> counts() {
    Map<String, Integer> c = new TreeMap<>();
    for (String v : values) {
      if (v != null) {
        c.merge(v, 1, Integer::sum);
      }
    }
    return c;
  }

  /** The most frequent value (the smallest one on ties, like pandas' {@code mode()[0]}), or null. */
  public String mode() {
    String best = null;
    int bestCount = 0;
    for (var e : counts().entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextColumn c && c.name.equals(name) && Arrays.equals(c.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "TextColumn(" + name + ", " + values.length + " rows)";
  }
}
