package dev.lernwerk.data.csv;

import java.util.Arrays;

/**
 * A column of numbers; NaN marks a missing value.
 *
 * @param name the column name
 * @param values the values (not copied: treat as read-only)
 */
public record NumericColumn(String name, double[] values) implements Column {
  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean isMissing(int row) {
    return Double.isNaN(values[row]);
  }

  @Override
  public NumericColumn withName(String n) {
    return new NumericColumn(n, values);
  }

  @Override
  public NumericColumn rows(int[] idx) {
    double[] v = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      v[i] = values[idx[i]];
    }
    return new NumericColumn(name, v);
  }

  @Override
  public String text(int row) {
    return isMissing(row) ? "" : format(values[row]);
  }

  /** Whole numbers without a decimal point ({@code 3}, not {@code 3.0}). */
  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /**
   * The median of the non-missing values (the mean of the two middle ones for an even count), NaN
   * if all are missing.
   */
  public double median() {
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumericColumn c && c.name.equals(name) && Arrays.equals(c.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "NumericColumn(" + name + ", " + values.length + " rows)";
  }
}
